#!/usr/bin/python3
"""PyTorch's numbers for LeNet-5 trained from a start both engines can reproduce, for vireo-examples' SameStartTest.

Run with Debian's PyTorch and Fashion-MNIST (dataset-fashion-mnist):
    /usr/bin/python3 tools/golden/lenet_same_start.py
Writes vireo-examples/src/test/resources/golden/lenet_same_start.txt:
  'loss <step> <value>' for every step of one epoch, then 'test_loss <mean>' and 'test_correct <n>/10000'.

The recipe is the seed program's (LeNet-5 with sigmoids and average pooling, Adam lr 0.01, batch 64, cross-entropy,
one epoch over the 60,000 training images), but nothing is random, so Vireo can start exactly where PyTorch started:
  - weights: the state dict's tensors in order, filled element by element from one SplitMix64 stream seeded with
    SEED: u = (next() >>> 11) * 2^-53 in [0, 1), value = bound * (2 u - 1) in float64, rounded to float32, where
    bound = 1 / sqrt(fan_in) of the layer (PyTorch's default init draws from that same interval);
  - order: step b trains on the images (j * 7919 + 13) mod 60000 for j = 64 b .. 64 b + 63 (7919 is prime to 60000,
    so every image is seen once per epoch).
"""
import gzip
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = '/usr/share/datasets/fashion-mnist'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                   'vireo-examples', 'src', 'test', 'resources', 'golden', 'lenet_same_start.txt')
SEED = 1
MASK = (1 << 64) - 1
BATCH = 64
N = 60000


def idx(name):
    with gzip.open(os.path.join(DATA, name), 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def images(name):
    return torch.from_numpy(idx(name).astype(np.float32) / 255.0).unsqueeze(1)


def lenet5():
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.Sigmoid(), nn.AvgPool2d(2, 2), nn.Conv2d(6, 16, 5), nn.Sigmoid(),
                         nn.AvgPool2d(2, 2), nn.Flatten(), nn.Linear(400, 120), nn.Sigmoid(), nn.Linear(120, 84),
                         nn.Sigmoid(), nn.Linear(84, 10))


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def same_start(model):
    state = model.state_dict()
    stream = SplitMix64(SEED)
    for key, t in state.items():
        weight = state[key[:-len('bias')] + 'weight'] if key.endswith('bias') else t
        bound = 1 / math.sqrt(weight[0].numel())
        values = [bound * (2 * ((stream.next() >> 11) * 2.0 ** -53) - 1) for _ in range(t.numel())]
        t.copy_(torch.tensor(values, dtype=torch.float64).reshape(t.shape).float())


def main(steps=None):
    torch.set_num_threads(2)
    xtr, ytr = images('train-images-idx3-ubyte.gz'), torch.from_numpy(idx('train-labels-idx1-ubyte.gz').astype(np.int64))
    xte, yte = images('t10k-images-idx3-ubyte.gz'), torch.from_numpy(idx('t10k-labels-idx1-ubyte.gz').astype(np.int64))
    model = lenet5()
    with torch.no_grad():
        same_start(model)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    order = (torch.arange(N, dtype=torch.int64) * 7919 + 13) % N
    lines = ['# ' + l for l in __doc__.strip().splitlines()] + [f'# torch {torch.__version__}']
    model.train()
    for step in range(steps or (N + BATCH - 1) // BATCH):
        j = order[step * BATCH:(step + 1) * BATCH]
        opt.zero_grad()
        loss = F.cross_entropy(model(xtr[j]), ytr[j])
        loss.backward()
        opt.step()
        lines.append(f'loss {step} {loss.item():.9g}')
    model.eval()
    total, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, xte.shape[0], 1000):
            out = model(xte[i:i + 1000])
            total += F.cross_entropy(out, yte[i:i + 1000], reduction='sum').item()
            correct += (out.argmax(1) == yte[i:i + 1000]).sum().item()
    lines.append(f'test_loss {total / xte.shape[0]:.9g}')
    lines.append(f'test_correct {correct}/{xte.shape[0]}')
    with open(OUT, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print(lines[-2], lines[-1])


if __name__ == '__main__':
    main()
