#!/usr/bin/env python3
"""Runs the shared PyTorch peer script with another seed: torch.manual_seed(SEED) where it calls manual_seed(1).

    seeded_peer.py SEED PEER_SCRIPT [ARGS...]

bench/compare --seeds N uses it so that PyTorch's test accuracy, like Vireo's, is measured over several seeds
(weights, dropout, batch order) rather than one: a single one-epoch run of LeNet-5 varies by about a point.
The peer script itself stays as it is (it belongs to the shared baseline).
"""
import runpy
import sys

import torch


def main(argv):
    if len(argv) < 2 or not argv[0].isdigit():
        sys.exit("usage: seeded_peer.py SEED PEER_SCRIPT [ARGS...] (SEED a non-negative integer, received "
                 + (repr(argv[0]) if argv else "nothing") + ")")
    seed, script = int(argv[0]), argv[1]
    manual_seed = torch.manual_seed
    torch.manual_seed = lambda _fixed: manual_seed(seed)
    sys.argv = [script] + argv[2:]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
