"""PyTorch twins of GANForge's Fashion-MNIST examples: train for a number of steps, then write samples.

The same models as examples/fashion-mnist-{dcgan,wgan-gp,sngan}.yaml, trained the way GANForge's engine
trains them, so that `gan eval CONFIG --samples` can measure both sides with one ruler
(bench/fashion-compare.sh runs both and tabulates):
  - architectures, padding (k 4, s 2, p 1: 28 -> 14 -> 7 and back), initialisation (`weightInit: dcgan`
    is N(0, 0.02) weights; the spectral layers' default is DL4J's Xavier, N(0, 2 / (fan_in + fan_out))),
    zero biases; batch norm with momentum 0.1 and epsilon 1e-5 (DL4J's decay 0.9), Adam epsilon 1e-8;
  - one step = `discriminatorSteps` D updates, each on a fresh real batch (shuffled epochs) and fresh
    latent codes z ~ N(0, 1) with the fakes detached and real and fake in two passes (two batch-norm
    batches), then one G update that reuses the last D update's fakes, re-scored by the updated D;
  - losses: non-saturating (softplus form), hinge (D: relu(1 - D(x)) + relu(1 + D(G(z))), G: -D(G(z))),
    Wasserstein with the gradient penalty of Gulrajani et al. (lambda 10, interpolates x + eps (G(z) - x)
    with eps ~ U[0, 1] per sample); batch means throughout;
  - spectral normalisation: torch.nn.utils.spectral_norm, one power iteration per training forward pass.
Samples are drawn in inference mode (batch-norm running statistics), as `gan sample` draws them.

Usage: python3 bench/torch_fashion.py {dcgan,wgan-gp,sngan} --steps N --seed S --out BASE
           [--samples 10000] [--threads 2]
Writes BASE.npy (float32 [n, 1, 28, 28] in [-1, 1]) and BASE.png (an 8 x 8 grid of the first samples).
"""
import argparse
import gzip
import struct
import time
import zlib

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

FASHION_MNIST = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
LATENT = 100
BATCH = 64


def load_images():
    with gzip.open(FASHION_MNIST, "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return torch.from_numpy(raw.reshape(-1, 1, 28, 28).astype(np.float32) / 127.5 - 1.0)


def generator(second_activation):
    return nn.Sequential(
        nn.Linear(LATENT, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(),
        nn.Unflatten(1, (128, 7, 7)),
        nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1), nn.BatchNorm2d(64), second_activation,
        nn.ConvTranspose2d(64, 1, 4, stride=2, padding=1), nn.Tanh())


def dcgan_init(*networks):
    for network in networks:
        for module in network.modules():
            if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.normal_(module.weight, 0.0, 0.02)
                nn.init.zeros_(module.bias)


def dcgan():
    g = generator(nn.LeakyReLU(0.2))
    d = nn.Sequential(
        nn.Conv2d(1, 64, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
    dcgan_init(g, d)
    return g, d


def wgan_gp():
    g = generator(nn.ReLU())
    d = nn.Sequential(
        nn.Conv2d(1, 64, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
    dcgan_init(g, d)
    return g, d


def sngan():
    g = generator(nn.ReLU())
    dcgan_init(g)
    layers = [nn.Conv2d(1, 64, 4, stride=2, padding=1), nn.Conv2d(64, 128, 4, stride=2, padding=1),
              nn.Linear(128 * 7 * 7, 1)]
    for layer in layers:
        nn.init.xavier_normal_(layer.weight)
        nn.init.zeros_(layer.bias)
    sn = nn.utils.spectral_norm
    d = nn.Sequential(sn(layers[0]), nn.LeakyReLU(0.1), sn(layers[1]), nn.LeakyReLU(0.1),
                      nn.Flatten(), sn(layers[2]))
    return g, d


# model -> (networks, loss, Adam learning rate, betas, D updates per step)
MODELS = {
    "dcgan": (dcgan, "non-saturating", 2e-4, (0.5, 0.999), 1),
    "wgan-gp": (wgan_gp, "wasserstein-gp", 1e-4, (0.0, 0.9), 5),
    "sngan": (sngan, "hinge", 2e-4, (0.5, 0.999), 1),
}


def discriminator_loss(kind, d, real, fakes):
    real_scores = d(real)
    fake_scores = d(fakes)
    if kind == "non-saturating":
        return F.softplus(-real_scores).mean() + F.softplus(fake_scores).mean()
    if kind == "hinge":
        return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()
    eps = torch.rand(real.shape[0], 1, 1, 1)
    mixed = (real + eps * (fakes - real)).requires_grad_(True)
    gradient, = torch.autograd.grad(d(mixed).sum(), mixed, create_graph=True)
    penalty = ((gradient.flatten(1).norm(dim=1) - 1) ** 2).mean()
    return fake_scores.mean() - real_scores.mean() + 10 * penalty


def generator_loss(kind, scores):
    return F.softplus(-scores).mean() if kind == "non-saturating" else -scores.mean()


def write_png(images, file, columns=8):
    """An 8-bit grayscale grid, 2-pixel gaps, pixels round((v + 1) * 127.5) as GANForge's grids."""
    n = min(len(images), columns * columns)
    rows = (n + columns - 1) // columns
    grid = np.zeros((rows * 30 - 2, columns * 30 - 2), dtype=np.uint8)
    pixels = np.clip(np.round((images[:n, 0] + 1) * 127.5), 0, 255).astype(np.uint8)
    for i in range(n):
        r, c = divmod(i, columns)
        grid[r * 30:r * 30 + 28, c * 30:c * 30 + 28] = pixels[i]
    raw = b"".join(b"\x00" + row.tobytes() for row in grid)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    with open(file, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", grid.shape[1], grid.shape[0], 8, 0, 0,
                                                                       0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", required=True, help="BASE: writes BASE.npy and BASE.png")
    parser.add_argument("--samples", type=int, default=10000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    networks, loss, learning_rate, betas, d_steps = MODELS[args.model]
    g, d = networks()
    optimizer_g = torch.optim.Adam(g.parameters(), lr=learning_rate, betas=betas, eps=1e-8)
    optimizer_d = torch.optim.Adam(d.parameters(), lr=learning_rate, betas=betas, eps=1e-8)
    images = load_images()
    order = torch.randperm(images.shape[0])
    position = 0

    def next_real():
        nonlocal order, position
        if position + BATCH > images.shape[0]:
            order = torch.randperm(images.shape[0])
            position = 0
        batch = images[order[position:position + BATCH]]
        position += BATCH
        return batch

    start = time.perf_counter()
    report = max(1, args.steps // 10)
    for step in range(1, args.steps + 1):
        for _ in range(d_steps):
            fakes = g(torch.randn(BATCH, LATENT))
            optimizer_d.zero_grad(set_to_none=True)
            loss_d = discriminator_loss(loss, d, next_real(), fakes.detach())
            loss_d.backward()
            optimizer_d.step()
        optimizer_g.zero_grad(set_to_none=True)
        loss_g = generator_loss(loss, d(fakes))
        loss_g.backward()
        optimizer_g.step()
        if step % report == 0 or step == args.steps:
            elapsed = time.perf_counter() - start
            print(f"step {step}/{args.steps}: D {loss_d.item():.3f} G {loss_g.item():.3f}, "
                  f"{elapsed / step:.3f} s/step", flush=True)

    g.eval()
    with torch.no_grad():
        samples = torch.cat([g(torch.randn(min(500, args.samples - i), LATENT))
                             for i in range(0, args.samples, 500)]).numpy().astype(np.float32)
    np.save(args.out + ".npy", samples)
    write_png(samples, args.out + ".png")
    print(f"wrote {len(samples)} samples to {args.out}.npy and a grid to {args.out}.png")


if __name__ == "__main__":
    main()
