#!/usr/bin/python3
"""Golden safetensors files for vireo-io, without the `safetensors` package.

A tiny pure-Python writer and a strict reader that follow the format spec
(shared/reference/formats-and-semantics.md, section 1.3); tensor bytes come from and go to torch.

  safetensors_fixture.py write OUT.safetensors OUT.expected.json
      Writes the fixture (every dtype Python can make, 0-d and zero-size tensors, metadata) and the values a
      float32/int64/bool reader must produce, as computed by torch's own conversions.
  safetensors_fixture.py dump FILE.safetensors
      Parses FILE strictly and prints its tensors as JSON in the same form as the expected file.

Value encoding in the JSON: float tensors as float32 bit patterns (signed int32, so -0.0 and NaN are exact),
integer tensors as int64 values, bool tensors as 0/1.
"""
import json
import struct
import sys

import torch

MAX_HEADER_SIZE = 100_000_000

DTYPES = {  # safetensors code -> (torch dtype, size, what a float32/int64/bool reader loads it as)
    "F64": (torch.float64, 8, "float32"),
    "F32": (torch.float32, 4, "float32"),
    "F16": (torch.float16, 2, "float32"),
    "BF16": (torch.bfloat16, 2, "float32"),
    "I64": (torch.int64, 8, "int64"),
    "I32": (torch.int32, 4, "int64"),
    "I16": (torch.int16, 2, "int64"),
    "I8": (torch.int8, 1, "int64"),
    "U8": (torch.uint8, 1, "int64"),
    "BOOL": (torch.bool, 1, "bool"),
}
CODE_OF = {v[0]: k for k, v in DTYPES.items()}


def tensor_bytes(t):
    flat = t.contiguous().reshape(-1)
    if flat.numel() == 0:
        return b""
    return bytes(flat.view(torch.uint8).tolist())


def write(tensors, path, metadata=None):
    """The reference writer's layout: dtype size descending, then name; header padded with spaces to 8."""
    order = sorted(tensors, key=lambda n: (-DTYPES[CODE_OF[tensors[n].dtype]][1], n))
    header, blobs, at = {}, [], 0
    for name in order:
        t = tensors[name]
        data = tensor_bytes(t)
        header[name] = {"dtype": CODE_OF[t.dtype], "shape": list(t.shape), "data_offsets": [at, at + len(data)]}
        blobs.append(data)
        at += len(data)
    # Header entries deliberately in reverse name order, metadata last: readers must sort by offsets.
    doc = {n: header[n] for n in sorted(header, reverse=True)}
    if metadata:
        doc["__metadata__"] = metadata
    js = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    js += b" " * (-len(js) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(js)))
        f.write(js)
        for b in blobs:
            f.write(b)


def _no_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError("duplicate key %r" % k)
        out[k] = v
    return out


def _no_constants(name):
    raise ValueError("non-JSON constant %s" % name)


def read(path):
    """Strict reader: returns (metadata, [(name, code, tensor)] in offset order)."""
    with open(path, "rb") as f:
        raw = f.read()
    assert len(raw) >= 8, "file shorter than the 8-byte length"
    (n,) = struct.unpack("<Q", raw[:8])
    assert n <= MAX_HEADER_SIZE and 8 + n <= len(raw), "bad header length %d" % n
    text = raw[8:8 + n].decode("utf-8")
    assert text.startswith("{"), "header does not start with '{'"
    doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    metadata = doc.pop("__metadata__", None) or {}
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())
    data = raw[8 + n:]
    entries = sorted(doc.items(), key=lambda kv: tuple(kv[1]["data_offsets"]))
    out, at = [], 0
    for name, info in entries:
        code, shape, (b, e) = info["dtype"], info["shape"], info["data_offsets"]
        tdtype, size, _ = DTYPES[code]
        numel = 1
        for d in shape:
            assert isinstance(d, int) and d >= 0, "bad shape %r" % shape
            numel *= d
        assert b == at and e >= b, "%s: offsets [%d, %d) do not continue at %d" % (name, b, e, at)
        assert e - b == numel * size, "%s: %d bytes for %d x %d" % (name, e - b, numel, size)
        at = e
        if numel == 0:
            t = torch.empty(shape, dtype=tdtype)
        else:
            t = torch.frombuffer(bytearray(data[b:e]), dtype=tdtype).reshape(shape)
        out.append((name, code, t))
    assert at == len(data), "tensors cover %d bytes, data section holds %d" % (at, len(data))
    return metadata, out


def as_expected(metadata, entries):
    tensors = []
    for name, code, t in entries:
        loads_as = DTYPES[code][2]
        flat = t.reshape(-1)
        if loads_as == "float32":
            values = flat.to(torch.float32).view(torch.int32).tolist()
        else:
            values = flat.to(torch.int64).tolist()
        tensors.append({"name": name, "dtype": code, "shape": list(t.shape), "loads_as": loads_as,
                        "values": values})
    return {"__metadata__": metadata, "tensors": tensors}


def fixture():
    inf, nan = float("inf"), float("nan")
    return {
        "a.f64": torch.tensor([[3.141592653589793, -0.0, 1e-50], [1e300, 1 / 3, -2.5]], dtype=torch.float64),
        "b.f32": torch.tensor([1.5, -0.0, inf, -inf, nan, 1e-45, 3.4028235e38, 0.1], dtype=torch.float32)
        .reshape(2, 2, 2),
        "c.f16": torch.tensor([0.1, -0.0, 65504.0, 6e-8, inf, -inf, nan, -1.5], dtype=torch.float16),
        "d.bf16": torch.tensor([[1e38, -3.14], [1e-40, nan]], dtype=torch.bfloat16),
        "e.i64": torch.tensor([2**63 - 1, -2**63, 0, -1, 42], dtype=torch.int64),
        "f.i32": torch.tensor([2**31 - 1, -2**31, 7], dtype=torch.int32),
        "g.i16": torch.tensor([32767, -32768, -3], dtype=torch.int16),
        "h.i8": torch.tensor([127, -128, 5], dtype=torch.int8),
        "i.u8": torch.tensor([[0, 255], [128, 1]], dtype=torch.uint8),
        "j.bool": torch.tensor([[True, False, True], [False, False, True]]),
        "layer.0.weight": torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8 - 0.5,
        "scalar.f32": torch.tensor(3.5, dtype=torch.float32),
        "bn.num_batches_tracked": torch.tensor(7, dtype=torch.int64),
        "empty.f32": torch.zeros(0, 3, dtype=torch.float32),
        "empty.i64": torch.zeros(4, 0, dtype=torch.int64),
    }


def main(argv):
    assert sys.byteorder == "little", "torch tensors are copied as raw bytes: a little-endian machine is needed"
    if len(argv) == 4 and argv[1] == "write":
        metadata = {"format": "pt", "note": "vireo golden \u00e9 \"quoted\""}
        write(fixture(), argv[2], metadata)
        md, entries = read(argv[2])  # check our own writer with the strict reader
        with open(argv[3], "w") as f:
            json.dump(as_expected(md, entries), f, indent=1, allow_nan=False)
            f.write("\n")
    elif len(argv) == 3 and argv[1] == "dump":
        md, entries = read(argv[2])
        json.dump(as_expected(md, entries), sys.stdout, allow_nan=False)
        sys.stdout.write("\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
