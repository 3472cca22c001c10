#!/usr/bin/python3
"""Generates the torchvision fixtures that vireo-data's TransformsGoldenTest and ImageDecoderTest compare against.

Run from the repository root:  /usr/bin/python3 tools/golden/transforms_fixtures.py
Writes under vireo-data/src/test/resources/vision/:

    src/<name>.png        synthetic photo-like inputs (smooth shading, edges, noise), RGB
    golden/<case>.png     torchvision's output (a PIL image) for a deterministic transform with fixed parameters
    golden/<case>.txt     float outputs (ToTensor, Normalize, Keras preprocess_input) as "shape ..." then values
    golden/cases.txt      one line per case: <case> <source> <op> <params...>
    decode/<file>         test files in several formats, and decode/<file>.rgb.png: PIL's convert("RGB") of it

Everything is deterministic (numpy seed), so rerunning rewrites the same files.
"""
import os
import numpy as np
import torch
import torchvision
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode as IM
from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "vireo-data", "src", "test", "resources",
                    "vision")
SRC = os.path.join(ROOT, "src")
GOLD = os.path.join(ROOT, "golden")
DEC = os.path.join(ROOT, "decode")


def photo(w, h, seed):
    """A picture with the features resampling cares about: gradients, hard edges, a disc, fine noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 128 + 100 * np.sin(x / w * 3.1 + y / h * 1.3)
    g = 40 + 180 * (y / h)
    b = 200 - 150 * (x / w)
    img = np.stack([r, g, b], -1)
    img[(x // 7 + y // 9) % 2 == 0] *= 0.7                       # checker edges
    disc = (x - w * 0.6) ** 2 + (y - h * 0.4) ** 2 < (min(w, h) * 0.25) ** 2
    img[disc] = [250, 240, 20]
    img += rng.normal(0, 12, img.shape)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def cmyk():
    """Pure red ink at (5, 4) and shaded inks elsewhere."""
    y, x = np.mgrid[0:8, 0:16]
    c = np.stack([x * 16, y * 30, 255 - x * 16, (x + y) * 8], -1).astype(np.uint8)
    c[4, 4:7] = [0, 255, 255, 0]
    return Image.fromarray(c, "CMYK")


def main():
    for d in (SRC, GOLD, DEC):
        os.makedirs(d, exist_ok=True)
    sources = {"wide": photo(97, 73, 1), "tall": photo(64, 120, 2), "big": photo(301, 233, 3)}
    for name, im in sources.items():
        im.save(os.path.join(SRC, name + ".png"))

    cases = []

    def img_case(name, src, op, params, out):
        assert isinstance(out, Image.Image) and out.mode == "RGB", name
        out.save(os.path.join(GOLD, name + ".png"))
        cases.append(" ".join([name, src, op] + [str(p) for p in params]))

    def float_case(name, src, op, params, t):
        t = torch.as_tensor(t, dtype=torch.float32)
        with open(os.path.join(GOLD, name + ".txt"), "w") as f:
            f.write("shape " + " ".join(str(s) for s in t.shape) + "\n")
            f.write(" ".join("%.9g" % v for v in t.reshape(-1).tolist()) + "\n")
        cases.append(" ".join([name, src, op] + [str(p) for p in params]))

    for src in ("wide", "tall", "big"):
        im = sources[src]
        for size in (32, 50, 150):
            img_case(f"resize{size}_{src}", src, "resize", [size], F.resize(im, size, IM.BILINEAR, antialias=True))
        img_case(f"resize40x90_{src}", src, "resize_hw", [40, 90], F.resize(im, [40, 90], IM.BILINEAR))
        img_case(f"resize_bicubic40_{src}", src, "resize_bicubic", [40], F.resize(im, 40, IM.BICUBIC))
        img_case(f"resize_nearest40_{src}", src, "resize_nearest", [40], F.resize(im, 40, IM.NEAREST))
        if src == "big":
            continue  # the large input is for antialiasing; the other cases are covered on the small ones
        img_case(f"centercrop32_{src}", src, "center_crop", [32, 32], F.center_crop(im, [32, 32]))
        img_case(f"centercrop41x60_{src}", src, "center_crop", [41, 60], F.center_crop(im, [41, 60]))
        img_case(f"centercrop_pad_{src}", src, "center_crop", [131, 110], F.center_crop(im, [131, 110]))
        img_case(f"hflip_{src}", src, "hflip", [], F.hflip(im))
        img_case(f"vflip_{src}", src, "vflip", [], F.vflip(im))
        img_case(f"resized_crop_{src}", src, "resized_crop", [5, 7, 40, 50, 32, 32],
                 F.resized_crop(im, 5, 7, 40, 50, [32, 32], IM.BILINEAR))
        for angle in (30.0, -45.0, 90.0, 180.0, 7.5):
            img_case(f"rotate{angle:g}_{src}", src, "rotate", [angle, 0, 0, 0], F.rotate(im, angle))
        img_case(f"rotate_fill_{src}", src, "rotate", [33.0, 10, 20, 30], F.rotate(im, 33.0, fill=[10, 20, 30]))
        affines = [(15.0, 5, -3, 1.1, 10.0, 0.0), (0.0, 3, 2, 0.8, 0.0, 0.0), (-20.0, 0, 0, 1.0, 5.0, -8.0),
                   (45.0, -6, 4, 1.3, -12.0, 6.0)]
        for k, (a, tx, ty, s, shx, shy) in enumerate(affines):
            img_case(f"affine{k}_{src}", src, "affine", [a, tx, ty, s, shx, shy],
                     F.affine(im, a, [tx, ty], s, [shx, shy], IM.NEAREST, fill=[0, 0, 0]))
        for f in (0.6, 1.4):
            img_case(f"brightness{f:g}_{src}", src, "brightness", [f], F.adjust_brightness(im, f))
        for f in (0.5, 1.5):
            img_case(f"contrast{f:g}_{src}", src, "contrast", [f], F.adjust_contrast(im, f))
        for f in (0.3, 1.7):
            img_case(f"saturation{f:g}_{src}", src, "saturation", [f], F.adjust_saturation(im, f))
        for f in (0.2, -0.3, 0.5):
            img_case(f"hue{f:g}_{src}", src, "hue", [f], F.adjust_hue(im, f))

    # Floats: ToTensor + Normalize on the small picture, and Keras's preprocess_input formulas
    # (keras.applications.imagenet_utils._preprocess_numpy_input, channels_last, written out here because Keras is
    # not installed).
    small = F.center_crop(sources["wide"], [6, 5])
    small.save(os.path.join(SRC, "small.png"))
    t = F.to_tensor(small)
    float_case("to_tensor_small", "small", "to_tensor", [], t)
    float_case("normalize_small", "small", "normalize", [],
               F.normalize(t, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]))
    x = np.asarray(small, dtype=np.float32)  # H, W, 3 in 0..255
    caffe = x[..., ::-1] - np.array([103.939, 116.779, 123.68], dtype=np.float32)
    float_case("caffe_small", "small", "caffe", [], caffe.copy())
    tmean = np.array([0.485, 0.456, 0.406], dtype=np.float32)
    tstd = np.array([0.229, 0.224, 0.225], dtype=np.float32)
    float_case("torch_small", "small", "torch", [], (x / 255.0 - tmean) / tstd)
    float_case("tf_small", "small", "tf", [], x / 127.5 - 1.0)

    with open(os.path.join(GOLD, "cases.txt"), "w") as f:
        f.write(f"# generated by tools/golden/transforms_fixtures.py with torchvision {torchvision.__version__}, "
                f"PIL {Image.__version__}\n")
        f.write("\n".join(cases) + "\n")

    # Decoding: one picture in each format, and what PIL makes of it.
    base = photo(40, 30, 4)
    rgba = base.copy()
    rgba.putalpha(Image.fromarray((np.arange(40 * 30).reshape(30, 40) % 256).astype(np.uint8), "L"))
    files = {
        "baseline.jpg": lambda p: base.save(p, quality=90),
        "progressive.jpg": lambda p: base.save(p, quality=90, progressive=True),
        "cmyk.jpg": lambda p: cmyk().save(p, quality=95),
        "rgba.png": lambda p: rgba.save(p),
        "gray.png": lambda p: base.convert("L").save(p),
        "gray_alpha.png": lambda p: rgba.convert("LA").save(p),
        "palette.png": lambda p: base.convert("P").save(p),
        "image.bmp": lambda p: base.save(p),
        "image.gif": lambda p: base.save(p),
        "gray.jpg": lambda p: base.convert("L").save(p, quality=90),
    }
    for name, save in files.items():
        path = os.path.join(DEC, name)
        save(path)
        Image.open(path).convert("RGB").save(path + ".rgb.png")


if __name__ == "__main__":
    main()
