#!/usr/bin/python3
"""torchvision's side of the pipeline_224_augment workload: the input pipeline alone, no model.

    /usr/bin/python3 bench/pipeline_torchvision.py FOLDER [--epochs E] [--workers W] [--batch B]

FOLDER is the JPEG folder Vireo's side reads (vireo.bench.PipelineImages writes it; bench/compare passes it).
The pipeline: ImageFolder (PIL decoding) -> RandomResizedCrop(224) -> RandomHorizontalFlip ->
ColorJitter(0.4, 0.4, 0.4, 0.1) -> ToTensor -> Normalize(ImageNet), DataLoader(batch 32, shuffle, 2 worker
processes). Epoch 0 warms up (worker start, page cache); the figure is the median images/s of the E timed epochs
after it. Prints one JSON line like vireo.bench.BenchMain's:

    {"workload": "pipeline_224_augment", "images_per_s": 180.2, "batch": 32, "workers": 2, "epochs": 3}
"""
import argparse
import json
import statistics
import sys
import time

import torch
import torchvision
from torchvision import datasets, transforms

NAME = "pipeline_224_augment"


def main():
    ap = argparse.ArgumentParser(prog="pipeline_torchvision.py")
    ap.add_argument("folder")
    ap.add_argument("--epochs", type=int, default=3, help="timed epochs after the warm-up one")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    a = ap.parse_args()
    torch.manual_seed(1)
    torch.set_num_threads(1)  # the main process only collates; the workers do the work (one thread each)
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(),
                             transforms.ColorJitter(0.4, 0.4, 0.4, 0.1), transforms.ToTensor(),
                             transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    ds = datasets.ImageFolder(a.folder, transform=tf)
    loader = torch.utils.data.DataLoader(ds, batch_size=a.batch, shuffle=True, num_workers=a.workers,
                                         persistent_workers=a.workers > 0)
    print(json.dumps({"peer": "pytorch", "version": torch.__version__, "torchvision": torchvision.__version__}),
          flush=True)
    rates = []
    for epoch in range(a.epochs + 1):
        t0 = time.perf_counter()
        n = 0
        for x, _ in loader:
            n += x.shape[0]
        rate = n / (time.perf_counter() - t0)
        print("bench: %s epoch %d: %.1f images/s" % (NAME, epoch, rate), file=sys.stderr, flush=True)
        if epoch > 0:
            rates.append(rate)
    print(json.dumps({"workload": NAME, "images_per_s": round(statistics.median(rates), 1), "batch": a.batch,
                      "workers": a.workers, "epochs": a.epochs}), flush=True)


if __name__ == "__main__":
    main()
