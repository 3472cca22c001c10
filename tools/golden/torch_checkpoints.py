#!/usr/bin/python3
"""Golden PyTorch checkpoints for vireo-io (vireo.io.torch), written by torch itself (tested with torch 1.13).

  torch_checkpoints.py write DIR
      Writes the committed fixtures into DIR (vireo-io/src/test/resources/vireo/io/torch): zip- and legacy-format
      state dicts (every storage dtype, shared-storage views, 0-d and empty tensors, Parameters, a nested training
      checkpoint), big-endian copies of a zip and a legacy checkpoint (torch 1.13 writes neither on a little-endian
      machine, so they are rewritten from its files), and pickles that name os.system / builtins.eval. For each
      readable fixture NAME.pth, NAME.expected.txt holds what TorchCheckpoints.read must return.
  torch_checkpoints.py dump FILE
      torch.load(FILE, weights_only=True) and print its tensors in the expected-file format.
  torch_checkpoints.py resnet18 OUT.pth OUT.expected.txt
      Saves a randomly initialised torchvision resnet18 state_dict (seed 0, no download) and its sampled values.

Expected-file format, one tensor per line, tab-separated: name, dtype Vireo loads it as (float32/int64/bool),
shape (comma-separated, empty for 0-d), values. Values are comma-separated, float32 as 8-hex-digit bit patterns
(so -0.0, NaN and infinities are exact), int64 in decimal, bool as 0/1. A values field starting with '@' is a
sample 'index:value,...' of a large tensor, followed by a fifth field: the float64 sum of all its values.
"""
import collections
import io
import os
import pickle
import struct
import sys
import zipfile

import torch

SAMPLE_ABOVE = 64


def loads_as(t):
    if t.dtype == torch.bool:
        return "bool"
    return "float32" if t.dtype.is_floating_point else "int64"


def encoded(t):
    kind = loads_as(t)
    flat = t.detach().reshape(-1)
    if kind == "float32":
        return ["%08x" % (v & 0xFFFFFFFF) for v in flat.to(torch.float32).contiguous().view(torch.int32).tolist()]
    if kind == "bool":
        return [str(int(v)) for v in flat.tolist()]
    return [str(v) for v in flat.to(torch.int64).tolist()]


def line(name, t):
    shape = ",".join(str(d) for d in t.shape)
    vals = encoded(t)
    fields = [name, loads_as(t), shape]
    if len(vals) <= SAMPLE_ABOVE:
        fields.append(",".join(vals))
    else:
        n = len(vals)
        idx = sorted(set([0, 1, 2, n - 2, n - 1] + [(i * 7919 + 13) % n for i in range(16)]))
        fields.append("@" + ",".join("%d:%s" % (i, vals[i]) for i in idx))
        total = t.detach().to(torch.float64).sum().item()
        fields.append(repr(total))
    return "\t".join(fields) + "\n"


def flatten(obj, prefix=""):
    """What TorchCheckpoints.read returns: dict keys and list indices joined with '.', plain values left out."""
    out = collections.OrderedDict()
    if isinstance(obj, torch.Tensor):
        out[prefix] = obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            out.update(flatten(v, (prefix + "." if prefix else "") + str(k)))
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            out.update(flatten(v, (prefix + "." if prefix else "") + str(i)))
    return out


def write_expected(path, obj):
    with open(path, "w") as f:
        for name, t in flatten(obj).items():
            f.write(line(name, t))


def dtypes_dict():
    f32 = torch.tensor([[1.5, -0.0, float("inf")], [-float("inf"), float("nan"), 1e-45]], dtype=torch.float32)
    return collections.OrderedDict([
        ("f32", f32),
        ("f64", torch.tensor([0.1, 1e300, -2.5, 1e-50, 16777217.0], dtype=torch.float64)),
        ("f16", torch.tensor([1.0, 65504.0, 6e-8, -float("inf"), float("nan"), -0.0], dtype=torch.float16)),
        ("bf16", torch.tensor([1.0, 3.140625, -1e38, 1e-40], dtype=torch.bfloat16)),
        ("i64", torch.tensor([-2**63, 2**63 - 1, 0, -1], dtype=torch.int64)),
        ("i32", torch.tensor([-2**31, 2**31 - 1, 7], dtype=torch.int32)),
        ("i16", torch.tensor([-32768, 32767, -2], dtype=torch.int16)),
        ("i8", torch.tensor([-128, 127, 0], dtype=torch.int8)),
        ("u8", torch.tensor([0, 255, 128], dtype=torch.uint8)),
        ("bool", torch.tensor([True, False, True])),
        ("bn.num_batches_tracked", torch.tensor(7)),
        ("scalar", torch.tensor(2.5)),
        ("empty", torch.zeros(0, 3)),
        ("cube", torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) / 8),
    ])


def views_dict():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    ints = torch.arange(10, dtype=torch.int32)
    return collections.OrderedDict([
        ("base", base),
        ("transposed", base.t()),                  # same storage, strides (1, 6)
        ("slice", base[1:3, ::2]),                 # offset 6, strides (6, 2)
        ("row", base[2]),                          # offset 12, contiguous
        ("col", base[:, 5]),                       # offset 5, stride 6
        ("expanded", torch.arange(3, dtype=torch.float32).expand(2, 3)),  # stride 0
        ("ints_tail", ints[4:]),                   # int32 storage shared with ints
        ("ints", ints),
    ])


def nested_checkpoint():
    sd = collections.OrderedDict([
        ("conv.weight", torch.arange(8, dtype=torch.float32).reshape(2, 1, 2, 2) - 3),
        ("bn.running_var", torch.ones(2)),
        ("bn.num_batches_tracked", torch.tensor(12)),
    ])
    return {
        "epoch": 3,
        "state_dict": sd,
        "best_acc": 0.91,
        "arch": "tiny",
        "note": None,
        "flags": (True, False),
        "big": 2**70,
        "optimizer": {
            "state": {0: {"momentum_buffer": torch.full((2, 1, 2, 2), 0.5)}},
            "param_groups": [{"lr": 0.1, "momentum": 0.9, "params": [0, 1]}],
        },
    }


def parameters_dict():
    torch.manual_seed(1)
    return collections.OrderedDict([
        ("w", torch.nn.Parameter(torch.randn(2, 3))),
        ("b", torch.nn.Parameter(torch.zeros(3), requires_grad=False)),
        ("plain", torch.tensor([1, 2, 3])),
    ])


class System:
    def __reduce__(self):
        return (os.system, ("echo hi",))


class Eval:
    def __reduce__(self):
        return (eval, ("__import__('os').system('echo hi')",))


def big_endian_copy(src, dst, element_sizes):
    """Rewrites a torch zip checkpoint with byteorder 'big': every storage record byte-swapped per element."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        root = zin.namelist()[0].split("/")[0]
        for info in zin.infolist():
            data = zin.read(info)
            rel = info.filename[len(root) + 1:]
            if rel.startswith("data/"):
                size = element_sizes[rel[len("data/"):]]
                data = b"".join(data[i:i + size][::-1] for i in range(0, len(data), size))
            if rel == "byteorder":
                continue
            zout.writestr(zipfile.ZipInfo(info.filename), data)  # ZipInfo: fixed 1980 timestamp, same bytes each run
            if rel == "data.pkl":
                zout.writestr(zipfile.ZipInfo(root + "/byteorder"), b"big")


def big_endian_legacy_copy(src, dst):
    """Rewrites a legacy checkpoint as a big-endian machine would have written it (sys_info little_endian=False)."""
    with open(src, "rb") as f:
        magic, proto, sys_info = pickle.load(f), pickle.load(f), pickle.load(f)
        start = f.tell()
        pids = []
        unpickler = pickle.Unpickler(f)
        unpickler.persistent_load = lambda pid: pids.append(pid) or pid[1](pid[4])
        unpickler.load()
        obj_bytes = open(src, "rb").read()[start:f.tell()]
        keys_start = f.tell()
        keys = pickle.load(f)
        keys_bytes = open(src, "rb").read()[keys_start:f.tell()]
        sizes = {pid[2]: pid[1]().element_size() for pid in pids}
        storages = []
        for key in keys:
            count = struct.unpack("<q", f.read(8))[0]
            data = f.read(count * sizes[key])
            storages.append(struct.pack(">q", count)
                            + b"".join(data[i:i + sizes[key]][::-1] for i in range(0, len(data), sizes[key])))
        assert f.read() == b""
    sys_info = dict(sys_info, little_endian=False)
    with open(dst, "wb") as out:
        for v in (magic, proto, sys_info):
            pickle.dump(v, out, protocol=2)
        out.write(obj_bytes + keys_bytes + b"".join(storages))


def write(d):
    os.makedirs(d, exist_ok=True)

    def save(name, obj, expected=True, **kw):
        path = os.path.join(d, name + ".pth")
        torch.save(obj, path, **kw)
        if expected:
            write_expected(os.path.join(d, name + ".expected.txt"), obj)
        return path

    save("dtypes", dtypes_dict())
    save("views", views_dict())
    legacy = views_dict()
    legacy.update((k, v) for k, v in dtypes_dict().items() if k in ("f16", "i32", "bool", "bn.num_batches_tracked"))
    save("legacy", legacy, _use_new_zipfile_serialization=False)
    save("nested", nested_checkpoint())
    save("parameters", parameters_dict())

    # big-endian: every tensor has its own storage, so record i belongs to the i-th tensor
    be = collections.OrderedDict((k, v) for k, v in dtypes_dict().items() if k not in ("empty",))
    src = os.path.join(d, "bigendian_src.pth")
    torch.save(be, src)
    big_endian_copy(src, os.path.join(d, "bigendian.pth"),
                    {str(i): t.element_size() for i, t in enumerate(be.values())})
    os.remove(src)
    write_expected(os.path.join(d, "bigendian.expected.txt"), be)

    src = save("bigendian_legacy_src", be, False, _use_new_zipfile_serialization=False)
    big_endian_legacy_copy(src, os.path.join(d, "bigendian_legacy.pth"))
    os.remove(src)
    write_expected(os.path.join(d, "bigendian_legacy.expected.txt"), be)

    # malicious: torch.save only records what __reduce__ returns; nothing runs here or in Vireo
    save("malicious_system", collections.OrderedDict([("weight", torch.ones(2)), ("payload", System())]), False)
    save("malicious_eval", collections.OrderedDict([("payload", Eval()), ("weight", torch.ones(2))]), False)
    save("malicious_legacy", collections.OrderedDict([("weight", torch.ones(2)), ("payload", System())]), False,
         _use_new_zipfile_serialization=False)

    # self-checks: torch reads back what the expected files say
    for name in ("dtypes", "views", "legacy", "nested", "parameters"):
        obj = torch.load(os.path.join(d, name + ".pth"))
        with open(os.path.join(d, name + ".expected.txt")) as f:
            assert f.read() == "".join(line(k, t) for k, t in flatten(obj).items()), name


def dump(path):
    obj = torch.load(path, weights_only=True)
    sys.stdout.write("".join(line(k, t) for k, t in flatten(obj).items()))


def resnet18(out, expected):
    import torchvision
    torch.manual_seed(0)
    sd = torchvision.models.resnet18().state_dict()
    torch.save(sd, out)
    write_expected(expected, sd)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "write" and len(sys.argv) == 3:
        write(sys.argv[2])
    elif cmd == "dump" and len(sys.argv) == 3:
        dump(sys.argv[2])
    elif cmd == "resnet18" and len(sys.argv) == 4:
        resnet18(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
