#!/usr/bin/python3
"""Images/s of torchvision's augmentation pipeline on JPEG files, the peer of PipelineBench.java.

    /usr/bin/python3 tools/bench/pipeline_torchvision.py [DIR] [--make N] [--epochs E] [--workers W]

With --make N it first writes N photo-like JPEGs (500x375, quality 90, two classes) into DIR
(default /tmp/vireo-pipeline-jpeg). The pipeline: ImageFolder -> RandomResizedCrop(224) -> RandomHorizontalFlip ->
ColorJitter(0.4, 0.4, 0.4, 0.1) -> ToTensor -> Normalize(ImageNet), DataLoader(batch 32, shuffle, W workers).
Epoch 0 is a warm-up (worker start-up, page cache); the figure is images/s over the remaining epochs.
"""
import argparse
import os
import time

import numpy as np
import torch
from PIL import Image
from torchvision import datasets, transforms


def make(root, n):
    rng = np.random.default_rng(0)
    h, w = 375, 500
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    for i in range(n):
        d = os.path.join(root, "class%d" % (i % 2))
        os.makedirs(d, exist_ok=True)
        fx, fy, ph = rng.uniform(1, 6, 3)
        img = np.stack([128 + 100 * np.sin(x / w * fx + ph), 40 + 180 * (y / h) * (0.5 + 0.5 * np.cos(fy * x / w)),
                        200 - 150 * (x / w)], -1)
        img[((x // (5 + i % 11)) + (y // 9)) % 2 == 0] *= 0.75
        img += rng.normal(0, 6, img.shape)
        Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(os.path.join(d, "%05d.jpg" % i), quality=90)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default="/tmp/vireo-pipeline-jpeg")
    ap.add_argument("--make", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    a = ap.parse_args()
    if a.make:
        make(a.dir, a.make)
    torch.manual_seed(1)
    torch.set_num_threads(1)
    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.RandomHorizontalFlip(),
                             transforms.ColorJitter(0.4, 0.4, 0.4, 0.1), transforms.ToTensor(),
                             transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    ds = datasets.ImageFolder(a.dir, transform=tf)
    loader = torch.utils.data.DataLoader(ds, batch_size=a.batch, shuffle=True, num_workers=a.workers,
                                         persistent_workers=a.workers > 0)
    rates = []
    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        n = 0
        for x, y in loader:
            n += x.shape[0]
        dt = time.perf_counter() - t0
        print("epoch %d: %d images in %.2f s = %.1f images/s" % (epoch, n, dt, n / dt))
        if epoch > 0:
            rates.append(n / dt)
    print("torchvision %s, %d workers: median %.1f images/s" % (
        __import__("torchvision").__version__, a.workers, float(np.median(rates))))


if __name__ == "__main__":
    main()
