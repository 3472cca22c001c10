#!/usr/bin/python3
"""Test accuracy of the seed recipes over several seeds, Vireo beside PyTorch.

    tools/accuracy/seed_accuracy.py [--seeds 1,2,3,4,5] [--epochs 1] [--threads 2] [lenet net cnn]

One seed's accuracy after an epoch or three moves by a point or two with the initialisation and the shuffling, so a
single run cannot say whether two engines train alike. This runs each recipe once per seed on both sides (Vireo: the
seed programs `./vireo example lenet5|mnist-sgd|cnn --epochs E --seed S`; PyTorch: the peer script's own models and
training loop from ../shared/peers/pytorch_seed_workloads.py, `torch.manual_seed(S)` before each run) and prints one
JSON line per run and one summary line per recipe: mean and sample standard deviation of each side and the difference
of the means with its standard error.
"""
import argparse
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
PEERS = os.environ.get("VIREO_PEERS_DIR", os.path.join(os.path.dirname(ROOT), "shared", "peers"))
DATA = "/usr/share/datasets/fashion-mnist"
# recipe -> (Vireo example name, the peer script's model factory, optimizer factory, batch size)
RECIPES = {
    "lenet": ("lenet5", lambda p: p.lenet5(), lambda t, m: t.optim.Adam(m.parameters(), lr=0.01), 64),
    "net": ("mnist-sgd", lambda p: p.Net(), lambda t, m: t.optim.SGD(m.parameters(), lr=0.01, momentum=0.5), 64),
    "cnn": ("cnn", lambda p: p.keras_cnn(), lambda t, m: t.optim.Adam(m.parameters()), 128),
}
ACCURACY = re.compile(r"Test set: .*Accuracy: (\d+)/(\d+)")


def vireo_run(example, epochs, seed):
    with tempfile.TemporaryDirectory(prefix="vireo-seed-accuracy-") as saved:  # the programs save their state
        out = subprocess.run([os.path.join(ROOT, "vireo"), "example", example, "--epochs", str(epochs),
                              "--seed", str(seed), "--out", saved], capture_output=True, text=True, check=True).stdout
    hits = ACCURACY.findall(out)
    if not hits:
        raise RuntimeError(f"no 'Test set: ... Accuracy' line in the output of ./vireo example {example}:\n{out}")
    correct, total = hits[epochs - 1]  # the line after the last epoch (a reload check may print another)
    return int(correct) / int(total)


def pytorch_run(peer, torch, recipe, data, epochs, seed):
    _, model_of, optimizer_of, batch = RECIPES[recipe]
    torch.manual_seed(seed)
    model = model_of(peer)
    import contextlib, io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        peer.train(recipe, model, optimizer_of(torch, model), batch, data, epochs)
    return json.loads(buf.getvalue().strip().splitlines()[-1])["test_acc"]


def summary(xs):
    return statistics.mean(xs), (statistics.stdev(xs) if len(xs) > 1 else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("recipes", nargs="*", default=["lenet", "net"], choices=list(RECIPES))
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    spec = importlib.util.spec_from_file_location("peer", os.path.join(PEERS, "pytorch_seed_workloads.py"))
    peer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(peer)
    import torch
    torch.set_num_threads(a.threads)
    data = peer.load(DATA)
    for recipe in a.recipes:
        runs = {"vireo": [], "pytorch": []}
        for seed in seeds:
            v = vireo_run(RECIPES[recipe][0], a.epochs, seed)
            p = pytorch_run(peer, torch, recipe, data, a.epochs, seed)
            runs["vireo"].append(v)
            runs["pytorch"].append(p)
            print(json.dumps({"recipe": recipe, "epochs": a.epochs, "seed": seed, "vireo": v, "pytorch": p}), flush=True)
        (vm, vs), (pm, ps) = summary(runs["vireo"]), summary(runs["pytorch"])
        se = ((vs ** 2 + ps ** 2) / len(seeds)) ** 0.5
        print(json.dumps({"recipe": recipe, "epochs": a.epochs, "seeds": len(seeds),
                          "vireo_mean": round(vm, 4), "vireo_sd": round(vs, 4),
                          "pytorch_mean": round(pm, 4), "pytorch_sd": round(ps, 4),
                          "difference_pp": round(100 * (vm - pm), 2), "standard_error_pp": round(100 * se, 2)}),
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
