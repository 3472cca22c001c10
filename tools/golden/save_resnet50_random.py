#!/usr/bin/python3
"""Saves a torchvision ResNet-50 state dict with torchvision's random initialisation (seeded), as a .pth file.

    save_resnet50_random.py OUT.pth [SEED]

ImageNet weights cannot be downloaded here; this gives the transfer-learning example
(vireo.examples.transfer.AlienVsPredatorFashion --weights OUT.pth) and the PyTorch peer (--avp-weights OUT.pth)
the same torchvision-format weights. Batch-norm running statistics are torchvision's initial ones (mean 0, var 1).
"""
import sys

import torch
import torchvision

if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    torch.manual_seed(int(sys.argv[2]) if len(sys.argv) == 3 else 0)
    torch.save(torchvision.models.resnet50().state_dict(), sys.argv[1])
    print("saved", sys.argv[1])
