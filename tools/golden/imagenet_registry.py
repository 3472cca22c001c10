#!/usr/bin/python3
"""The weight registry's facts, from torchvision itself (no downloads): the class names and each weight's metadata.

  imagenet_registry.py classes OUT.txt
      ImageNet-1k's 1,000 class names in torchvision's order (torchvision.models._meta._IMAGENET_CATEGORIES), one
      per line, line i = class index i. vireo-models ships it as a resource (vireo/vision/models/imagenet_classes.txt).
  imagenet_registry.py weights OUT.tsv
      One line per ImageNet-1k weight of resnet18..152 and vgg11..19(_bn) (the features-only VGG-16 weights are
      left out: they have no classifier and no accuracy), tab-separated:
      ENUM URL NUM_PARAMS ACC@1 ACC@5 RESIZE CROP INTERPOLATION MEAN STD
      vireo-models' WeightsTest checks its Weights enum against it.

torchvision records no full SHA-256 of its files: the file name carries its first 8 hex digits, which is what
torch.hub.load_state_dict_from_url(check_hash=True) verifies.
"""
import sys

from torchvision.models import resnet, vgg
from torchvision.models._meta import _IMAGENET_CATEGORIES

ENUMS = [
    ("RESNET18", resnet.ResNet18_Weights), ("RESNET34", resnet.ResNet34_Weights),
    ("RESNET50", resnet.ResNet50_Weights), ("RESNET101", resnet.ResNet101_Weights),
    ("RESNET152", resnet.ResNet152_Weights),
    ("VGG11", vgg.VGG11_Weights), ("VGG11_BN", vgg.VGG11_BN_Weights),
    ("VGG13", vgg.VGG13_Weights), ("VGG13_BN", vgg.VGG13_BN_Weights),
    ("VGG16", vgg.VGG16_Weights), ("VGG16_BN", vgg.VGG16_BN_Weights),
    ("VGG19", vgg.VGG19_Weights), ("VGG19_BN", vgg.VGG19_BN_Weights),
]


def classes(out):
    assert len(_IMAGENET_CATEGORIES) == 1000
    for name in _IMAGENET_CATEGORIES:
        assert "\n" not in name and name == name.strip(), repr(name)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(_IMAGENET_CATEGORIES) + "\n")


def weights(out):
    rows = []
    for prefix, enum in ENUMS:
        for w in enum:
            if not w.name.startswith("IMAGENET1K_V"):
                continue  # IMAGENET1K_FEATURES: a feature extractor without a classifier
            t = w.transforms()
            m = w.meta["_metrics"]["ImageNet-1K"]
            assert w.meta["categories"] == _IMAGENET_CATEGORIES
            rows.append("\t".join([
                prefix + "_" + w.name, w.url, str(w.meta["num_params"]), repr(m["acc@1"]), repr(m["acc@5"]),
                str(t.resize_size[0]), str(t.crop_size[0]), t.interpolation.value,
                ",".join(repr(v) for v in t.mean), ",".join(repr(v) for v in t.std)]))
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    {"classes": classes, "weights": weights}[sys.argv[1]](sys.argv[2])
