#!/usr/bin/python3
"""Golden fixtures for vireo-models' ResNet and VGG, from torchvision itself (random init with a seed, no downloads).

  torchvision_fixtures.py tiny OUTDIR
      The small committed fixtures: narrow nets built from torchvision's own classes and _make_layer with the
      standard key names (see TINY), each as OUTDIR/NAME.safetensors (the state dict) and OUTDIR/NAME.io.safetensors
      ("input" and the eval-mode "logits").
  torchvision_fixtures.py full OUTDIR NAME...
      The same for full torchvision models (resnet18, resnet34, resnet50, vgg11, vgg16, vgg11_bn, ...); too big to
      commit (ResNet-18 is 47 MB, VGG-16 553 MB), so vireo-models' tests generate them in a temporary folder.
  torchvision_fixtures.py keys OUT.txt
      State-dict keys, shapes and dtypes of resnet18..152 and vgg11..19(_bn), in order, plus parameter counts
      (one line each: MODEL KEY [SHAPE] DTYPE, and MODEL #parameters COUNT).

Every net gets realistic batch-norm state: running statistics measured on a calibration batch (train mode with
momentum 1), then random gamma and beta, so that eval-mode batch norm is not the identity; the last layer is scaled
so that the largest logit is 2 (torch's own float32 error on a random ResNet-50's logits of ~100 exceeds 1e-4).
Inputs: [2, 3, 64, 64] for ResNets, [1, 3, 32, 32] for VGGs (the adaptive pool reaches 7x7 from any size).
"""
import json
import struct
import sys

import torch
import torch.nn as nn
import torchvision
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet
from torchvision.models.vgg import VGG, make_layers

CODES = {torch.float32: "F32", torch.int64: "I64"}


def write_safetensors(tensors, path):
    """A minimal safetensors writer: tensors in the given order, header padded with spaces to 8 bytes."""
    header, blobs, at = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        data = t.numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [at, at + len(data)]}
        blobs.append(data)
        at += len(data)
    js = json.dumps(header, separators=(",", ":")).encode("utf-8")
    js += b" " * (-len(js) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(js)))
        f.write(js)
        for b in blobs:
            f.write(b)


class TinyResNet(ResNet):
    """torchvision's ResNet with base width `width` instead of 64: same classes, _make_layer and forward, same keys."""

    def __init__(self, block, layers, width, num_classes):
        nn.Module.__init__(self)
        self._norm_layer = nn.BatchNorm2d
        self.inplanes, self.dilation, self.groups, self.base_width = width, 1, 1, 64
        self.conv1 = nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, width, layers[0])
        self.layer2 = self._make_layer(block, 2 * width, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 4 * width, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 8 * width, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(8 * width * block.expansion, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")


def tiny_vgg(cfg, batch_norm, hidden, num_classes):
    """torchvision's VGG over a narrow configuration, with the classifier narrowed to `hidden` (same keys)."""
    m = VGG(make_layers(cfg, batch_norm=batch_norm), num_classes=num_classes)
    last = [c for c in cfg if c != "M"][-1]
    m.classifier = nn.Sequential(nn.Linear(last * 7 * 7, hidden), nn.ReLU(True), nn.Dropout(0.5),
                                 nn.Linear(hidden, hidden), nn.ReLU(True), nn.Dropout(0.5), nn.Linear(hidden, num_classes))
    for l in m.classifier:
        if isinstance(l, nn.Linear):
            nn.init.normal_(l.weight, 0, 0.2)
            nn.init.normal_(l.bias, 0, 0.05)
    return m


TINY = {  # name -> (builder, input shape); Vireo's test builds the same nets with baseWidth / hidden.
    "resnet_tiny_basic": (lambda: TinyResNet(BasicBlock, [2, 1, 1, 1], 8, 10), (2, 3, 64, 64)),
    "resnet_tiny_bottleneck": (lambda: TinyResNet(Bottleneck, [2, 1, 1, 1], 8, 10), (2, 3, 64, 64)),
    "vgg_tiny": (lambda: tiny_vgg([8, "M", 16, "M", 32, 32, "M"], False, 32, 10), (1, 3, 32, 32)),
    "vgg_tiny_bn": (lambda: tiny_vgg([8, "M", 16, "M", 32, 32, "M"], True, 32, 10), (1, 3, 32, 32)),
}


def realistic_norms(model, shape):
    """Running statistics from a calibration batch, then random gamma/beta; conv biases (VGG) made non-zero."""
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d) and m.bias is not None:
                m.bias.normal_(0, 0.05)
        if norms:
            for m in norms:
                m.momentum = 1.0
            model.train()
            model(torch.randn(max(4, shape[0]), *shape[1:]))
            for m in norms:
                m.momentum = 0.1
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0, 0.1)
                m.num_batches_tracked.fill_(7)
    model.eval()


def dump(name, model, shape, outdir):
    torch.manual_seed(20240)
    realistic_norms(model, shape)
    x = torch.randn(*shape)
    with torch.no_grad():
        # Random deep nets give logits in the hundreds, where float32 itself (torch against float64) is off by
        # more than the 1e-4 the test allows: scale the last layer so that the largest logit is 2.
        head = [m for m in model.modules() if isinstance(m, nn.Linear)][-1]
        s = 2.0 / model(x).abs().max().item()
        head.weight.mul_(s)
        head.bias.mul_(s)
        logits = model(x)
    write_safetensors(dict(model.state_dict()), f"{outdir}/{name}.safetensors")
    write_safetensors({"input": x, "logits": logits}, f"{outdir}/{name}.io.safetensors")
    print(f"{name}: {sum(p.numel() for p in model.parameters())} parameters, |logits| max "
          f"{logits.abs().max().item():.3f}", file=sys.stderr)


FULL = ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
        "vgg11", "vgg13", "vgg16", "vgg19", "vgg11_bn", "vgg13_bn", "vgg16_bn", "vgg19_bn"]


def main(argv):
    torch.set_num_threads(2)
    if len(argv) >= 2 and argv[0] == "tiny":
        for name, (build, shape) in TINY.items():
            torch.manual_seed(7)
            dump(name, build(), shape, argv[1])
    elif len(argv) >= 3 and argv[0] == "full":
        for name in argv[2:]:
            if name not in FULL:
                sys.exit(f"unknown model {name}; expected one of {', '.join(FULL)}")
            torch.manual_seed(7)
            shape = (2, 3, 64, 64) if name.startswith("resnet") else (1, 3, 32, 32)
            dump(name, getattr(torchvision.models, name)(), shape, argv[1])
    elif len(argv) == 2 and argv[0] == "keys":
        with open(argv[1], "w") as f:
            f.write("# torchvision %s state dicts: MODEL KEY SHAPE DTYPE, in order; MODEL #parameters COUNT\n"
                    % torchvision.__version__)
            for name in FULL:
                m = getattr(torchvision.models, name)()
                f.write(f"{name} #parameters {sum(p.numel() for p in m.parameters())}\n")
                for k, v in m.state_dict().items():
                    dims = ",".join(str(d) for d in v.shape)
                    f.write(f"{name} {k} [{dims}] {str(v.dtype).replace('torch.', '')}\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
