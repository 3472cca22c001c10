#!/usr/bin/python3
"""torchvision's side of the pipeline_224_augment workload: the input pipeline alone, no model.

    /usr/bin/python3 bench/pipeline_torchvision.py FOLDER [--epochs E] [--workers W] [--batch B]

FOLDER is the JPEG folder Vireo's side reads (vireo.bench.PipelineImages writes it; bench/compare passes it).
The pipeline: ImageFolder (PIL decoding) -> RandomResizedCrop(224) -> RandomHorizontalFlip ->
ColorJitter(0.4, 0.4, 0.4, 0.1) -> ToTensor -> Normalize(ImageNet), DataLoader(batch 32, shuffle, 2 worker
processes). Epoch 0 warms up (worker start, page cache); the figure is the median images/s of the E timed epochs
after it. Beside it, cpu_ms_per_image: CPU time per image of this process and its worker processes together
(median over the same epochs; null where /proc cannot tell). Prints one JSON line like vireo.bench.BenchMain's:

    {"workload": "pipeline_224_augment", "images_per_s": 180.2, "batch": 32, "workers": 2, "epochs": 3,
     "cpu_ms_per_image": 9.4}
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torchvision
from torchvision import datasets, transforms

NAME = "pipeline_224_augment"


def cpu_seconds(loader):
    """CPU seconds so far of this process and the loader's live worker processes (from /proc), or None."""
    total = time.process_time()
    tick = os.sysconf("SC_CLK_TCK")
    it = getattr(loader, "_iterator", None)
    for w in getattr(it, "_workers", []) if it is not None else []:
        try:
            with open("/proc/%d/stat" % w.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except (OSError, IndexError, ValueError):
            return None
    return total


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
    cpus = []
    for epoch in range(a.epochs + 1):
        t0 = time.perf_counter()
        c0 = cpu_seconds(loader)  # workers persist, so an epoch's CPU time is the difference
        n = 0
        for x, _ in loader:
            n += x.shape[0]
        rate = n / (time.perf_counter() - t0)
        c1 = cpu_seconds(loader)
        cpu = None if c0 is None or c1 is None or epoch == 0 else (c1 - c0) * 1e3 / n
        print("bench: %s epoch %d: %.1f images/s%s" % (NAME, epoch, rate, "" if cpu is None else
                                                       ", %.2f CPU ms per image" % cpu), file=sys.stderr, flush=True)
        if epoch > 0:
            rates.append(rate)
            if cpu is not None:
                cpus.append(cpu)
    line = {"workload": NAME, "images_per_s": round(statistics.median(rates), 1), "batch": a.batch,
            "workers": a.workers, "epochs": a.epochs,
            "cpu_ms_per_image": round(statistics.median(cpus), 2) if len(cpus) == a.epochs else None}
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
