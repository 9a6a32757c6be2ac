#!/usr/bin/python3
"""PyTorch counterpart of ics_bench: seconds per training step of ICS's networks, one thread.

The same layers as lib/src/main/java/oneclass/ics/IcsArchitecture.java (AlexNet-like at width w on 28x28,
or the authors' VGG-like on 32x32), the same optimizers (RMSprop lr 1e-3 for the autoencoder, Adam lr 3e-4,
beta1 0.5 for the classifier; Keras' eps 1e-7), the same L2 on convolution kernels and batch. The classifier
step is an intra-class step (Eq. 3, binary cross-entropy on the logit) as ics_bench times it. Median of the
timed steps after the warm-up steps. Prints CSV (network,seconds,cpu_seconds,parameters) on stdout for ics_bench to read.

Run: /usr/bin/python3 bench/ics_torch.py --arch alexnet --width 8 (needs Debian's python3-torch).
"""
import argparse
import statistics
import sys
import time

import warnings

import torch
from torch import nn


def stack(layers, cin, act):
    """layers: (kind, filters, kernel, stride); every layer but the last is followed by act (pools excepted)."""
    mods = []
    for i, (kind, f, k, s) in enumerate(layers):
        if kind == "conv":  # SAME padding (odd kernels)
            mods.append(nn.Conv2d(cin, f, k, stride=s, padding=k // 2))
        elif kind == "deconv":  # stride 1: SAME (odd kernel); kernel = stride: blocks
            mods.append(nn.ConvTranspose2d(cin, f, k, stride=s, padding=k // 2 if s == 1 else 0))
        elif kind == "maxpool":
            mods.append(nn.MaxPool2d(2))
        elif kind == "avgpool":
            mods.append(nn.AvgPool2d(2))
        elif kind == "flatten":
            mods.append(nn.Flatten())
        elif kind == "dense":  # the input size is set by the first forward pass
            mods.append(nn.LazyLinear(f))
        if kind in ("conv", "deconv", "dense"):
            cin = f
            if i < len(layers) - 1:
                mods.append(act())
    return nn.Sequential(*mods)


def alexnet(w, latent, channels):
    features = [("conv", w, 5, 2), ("maxpool", 0, 0, 0), ("conv", 2 * w, 5, 1), ("maxpool", 0, 0, 0),
                ("conv", 3 * w, 3, 1), ("conv", 3 * w, 3, 1), ("conv", 2 * w, 3, 1), ("maxpool", 0, 0, 0),
                ("flatten", 0, 0, 0), ("dense", 8 * w, 0, 0), ("dense", 4 * w, 0, 0)]
    encoder = [("conv", w, 5, 2), ("maxpool", 0, 0, 0), ("conv", 2 * w, 5, 1), ("conv", 2 * w, 3, 1), ("conv", latent, 1, 1)]
    decoder = [("deconv", 2 * w, 3, 1), ("deconv", 2 * w, 2, 2), ("deconv", w, 3, 1), ("deconv", w, 2, 2), ("deconv", channels, 3, 1)]
    return 28, features, encoder, decoder, lambda: nn.ReLU(), 1e-6


def vgg(channels):
    features = []
    for f in (16, 32, 64):
        features += [("conv", f, 3, 1), ("conv", f, 3, 1), ("avgpool", 0, 0, 0)]
    features += [("conv", 128, 3, 1), ("conv", 128, 3, 1), ("conv", 256, 1, 1), ("conv", 256, 1, 1),
                 ("flatten", 0, 0, 0), ("dense", 256, 0, 0), ("dense", 128, 0, 0)]
    encoder = []
    for f in (8, 16, 32, 64):
        encoder += [("conv", f, 3, 1), ("conv", f, 3, 1), ("maxpool", 0, 0, 0)]
    encoder += [("conv", 128, 1, 1)]
    decoder = [("deconv", 64, 2, 2), ("deconv", 32, 2, 2), ("deconv", 16, 2, 2), ("deconv", 8, 2, 2), ("deconv", channels, 3, 1)]
    return 32, features, encoder, decoder, lambda: nn.LeakyReLU(0.2), 1e-3


def l2(modules, lam):
    return lam * sum((m.weight ** 2).sum() for m in modules if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)))


def median_step(step, warmup, steps):
    """Median wall and CPU seconds (this thread; one torch thread runs the ops on it) of the steps after the warm-up."""
    wall, cpu = [], []
    for i in range(warmup + steps):
        t0, c0 = time.perf_counter(), time.thread_time()
        step()
        if i >= warmup:
            wall.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--arch", choices=["alexnet", "vgg"], default="alexnet")
    p.add_argument("--width", type=int, default=8)
    p.add_argument("--latent", type=int, default=8)
    p.add_argument("--channels", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--steps", type=int, default=15)
    a = p.parse_args()
    if a.steps < 1 or a.warmup < 0:
        sys.exit("--steps must be >= 1 and --warmup >= 0, got %d and %d" % (a.steps, a.warmup))
    torch.set_num_threads(1)
    warnings.filterwarnings("ignore", message="Lazy modules")
    torch.manual_seed(1)
    side, features, encoder, decoder, act, lam = alexnet(a.width, a.latent, a.channels) if a.arch == "alexnet" else vgg(a.channels)

    ae = nn.Sequential(stack(encoder, a.channels, act), stack(decoder, encoder[-1][1], act), nn.Sigmoid())
    ae_opt = torch.optim.RMSprop(ae.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    x = torch.rand(a.batch, a.channels, side, side)

    def ae_step():
        ae_opt.zero_grad()
        loss = ((ae(x) - x) ** 2).mean() + l2(ae.modules(), lam)
        loss.backward()
        ae_opt.step()

    net = nn.Sequential(stack(features, a.channels, act), act())  # z = act(last dense), as in IcsNetwork
    z_dim = features[-1][1]
    out, dist = nn.Linear(z_dim, 1), nn.Linear(z_dim, 1)  # classification and distance subnetworks
    net(x)  # sizes the lazy dense layers
    params = list(net.parameters()) + list(out.parameters()) + list(dist.parameters())
    net_opt = torch.optim.Adam(params, lr=3e-4, betas=(0.5, 0.999), eps=1e-7)
    y = torch.zeros(a.batch, 1)
    bce = nn.BCEWithLogitsLoss()

    def net_step():
        net_opt.zero_grad()
        loss = bce(out(net(x)), y) + l2(net.modules(), lam)
        loss.backward()
        net_opt.step()

    print("network,seconds,cpu_seconds,parameters")
    print("autoencoder,%.6f,%.6f,%d" % (*median_step(ae_step, a.warmup, a.steps), sum(q.numel() for q in ae.parameters())))
    print("classifier,%.6f,%.6f,%d" % (*median_step(net_step, a.warmup, a.steps), sum(q.numel() for q in params)))


if __name__ == "__main__":
    main()
