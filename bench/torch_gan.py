#!/usr/bin/env python3
"""PyTorch reference for `gan bench`: the same GAN iteration as GANForge's engine, timed the same way.

One iteration = one discriminator step and one generator step (Fashion-MNIST, batch 64, unless said):
  z ~ N(0, 1); fakes = G(z)                     (G forward once, in training mode)
  D step: D(real), D(fakes.detach()) in two passes (as the engine does: two batch-norm batches),
          non-saturating loss (softplus form), backward, Adam step
  G step: the same fakes (reused, not regenerated), D(fakes) through the updated D, backward into G,
          Adam step
  plus what the engine logs every step: both losses, mean raw scores, both gradient L2 norms.
Architectures, initialisation (N(0, 0.02) for the DCGAN), optimizer (Adam 2e-4, betas 0.5/0.999) and
batch size match bench/fashion-mnist-mlp.yaml, examples/fashion-mnist-dcgan.yaml and (batch 256)
bench/fashion-mnist-dcgan-256.yaml. `grid` is the README's main job, examples/gaussian-grid.yaml: a 5x5
grid of Gaussians (spacing 2, sigma 0.05), 16-96-96-96-2 / 2-96-96-96-1 MLPs, batch 1,024, Adam 1e-3
(beta1 0.5), instance noise (sigma 0.5 at step 0, annealed) on both of D's inputs, and the generator's
exponential moving average (decay 0.999) updated after every G step.

Usage: python3 bench/torch_gan.py {mlp,dcgan,grid} [--iterations N] [--warmup N] [--threads N] [--batch-size N]
Prints the same summary lines as `gan bench`.
"""
import argparse
import gzip
import resource
import statistics
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

FASHION_MNIST = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"


def load_images():
    with gzip.open(FASHION_MNIST, "rb") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    images = raw.reshape(-1, 1, 28, 28).astype(np.float32) / 127.5 - 1.0  # [-1, 1], as the engine scales
    return torch.from_numpy(images)


def mlp():
    generator = nn.Sequential(
        nn.Linear(100, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 512), nn.LeakyReLU(0.2),
        nn.Linear(512, 784), nn.Tanh(),
        nn.Unflatten(1, (1, 28, 28)))
    discriminator = nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 512), nn.LeakyReLU(0.2),
        nn.Linear(512, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 1))
    return generator, discriminator


def dcgan():
    generator = nn.Sequential(
        nn.Linear(100, 128 * 7 * 7), nn.BatchNorm1d(128 * 7 * 7), nn.ReLU(),
        nn.Unflatten(1, (128, 7, 7)),
        nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.ConvTranspose2d(64, 1, 4, stride=2, padding=1), nn.Tanh())
    discriminator = nn.Sequential(
        nn.Conv2d(1, 64, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(),
        nn.Linear(128 * 7 * 7, 1))
    for network in (generator, discriminator):
        for module in network.modules():
            if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.normal_(module.weight, 0.0, 0.02)
                nn.init.zeros_(module.bias)
    return generator, discriminator


def grid():
    generator = nn.Sequential(
        nn.Linear(16, 96), nn.ReLU(), nn.Linear(96, 96), nn.ReLU(), nn.Linear(96, 96), nn.ReLU(),
        nn.Linear(96, 2))
    discriminator = nn.Sequential(
        nn.Linear(2, 96), nn.LeakyReLU(0.2), nn.Linear(96, 96), nn.LeakyReLU(0.2), nn.Linear(96, 96),
        nn.LeakyReLU(0.2), nn.Linear(96, 1))
    return generator, discriminator


# model -> (networks, latent size, learning rate, instance noise sigma at step 0, EMA decay)
MODELS = {"mlp": (mlp, 100, 2e-4, 0.0, None), "dcgan": (dcgan, 100, 2e-4, 0.0, None),
          "grid": (grid, 16, 1e-3, 0.5, 0.999)}
NOISE_ANNEAL_STEPS = 15000


def gradient_norm(network):
    return torch.sqrt(sum((p.grad.float() ** 2).sum() for p in network.parameters())).item()


def gemm_ceiling():
    """GFLOP/s of the best of ten 1024^3 float32 products after two warm-ups, as `gan bench` measures ND4J's."""
    n = 1024
    a, b = torch.rand(n, n), torch.rand(n, n)
    c = torch.empty(n, n)
    best = float("inf")
    for i in range(12):
        start = time.perf_counter()
        torch.mm(a, b, out=c)
        if i >= 2:
            best = min(best, time.perf_counter() - start)
    return 2.0 * n ** 3 / best / 1e9


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(2)
    networks, latent_size, learning_rate, noise, ema_decay = MODELS[args.model]
    generator, discriminator = networks()
    optimizer_g = torch.optim.Adam(generator.parameters(), lr=learning_rate, betas=(0.5, 0.999))
    optimizer_d = torch.optim.Adam(discriminator.parameters(), lr=learning_rate, betas=(0.5, 0.999))
    average = [p.detach().clone() for p in generator.parameters()] if ema_decay else None
    batch = args.batch_size or (1024 if args.model == "grid" else 64)
    step = [0]
    if args.model == "grid":
        centres = torch.tensor([[2.0 * i - 4, 2.0 * j - 4] for i in range(5) for j in range(5)])

        def next_real():
            return centres[torch.randint(len(centres), (batch,))] + 0.05 * torch.randn(batch, 2)
    else:
        images = load_images()
        order = torch.randperm(images.shape[0])
        position = [0]

    def next_images():
        if position[0] + batch > images.shape[0]:
            order.copy_(torch.randperm(images.shape[0]))
            position[0] = 0
        indices = order[position[0]:position[0] + batch]
        position[0] += batch
        return images[indices]

    if args.model != "grid":
        next_real = next_images

    def noisy(samples):
        sigma = noise * max(0.0, 1.0 - step[0] / NOISE_ANNEAL_STEPS)
        return samples + sigma * torch.randn_like(samples) if sigma > 0 else samples

    def iterate():
        real = next_real()
        fakes = generator(torch.randn(batch, latent_size))
        optimizer_d.zero_grad(set_to_none=True)
        real_scores = discriminator(noisy(real))
        fake_scores = discriminator(noisy(fakes.detach()))
        # non-saturating / minimax D loss: -log sigmoid(real) - log(1 - sigmoid(fake)), batch means
        loss_d = F.softplus(-real_scores).mean() + F.softplus(fake_scores).mean()
        loss_d.backward()
        norm_d = gradient_norm(discriminator)
        optimizer_d.step()

        optimizer_g.zero_grad(set_to_none=True)
        loss_g = F.softplus(-discriminator(noisy(fakes))).mean()  # non-saturating G loss
        loss_g.backward()
        norm_g = gradient_norm(generator)
        optimizer_g.step()
        if average is not None:
            with torch.no_grad():
                for kept, parameter in zip(average, generator.parameters()):
                    kept.mul_(ema_decay).add_(parameter, alpha=1 - ema_decay)
        step[0] += 1
        return (loss_d.item(), loss_g.item(), real_scores.mean().item(), fake_scores.mean().item(), norm_d,
                norm_g)

    print(f"pytorch {torch.__version__} {args.model}: batch {batch}, {args.warmup} warm-up + "
          f"{args.iterations} timed iterations, {torch.get_num_threads()} threads", flush=True)
    for _ in range(args.warmup):
        iterate()
    millis = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        iterate()
        millis.append((time.perf_counter() - start) * 1000)
    millis.sort()
    median = statistics.median_low(millis)
    p90 = millis[min(len(millis) - 1, int(0.9 * len(millis)))]
    print(f"median {median:.1f} ms/iteration, p90 {p90:.1f} ms, min {millis[0]:.1f} ms, max {millis[-1]:.1f} ms "
          f"({1000 / median:.2f} iterations/s)")
    print(f"GEMM ceiling {gemm_ceiling():.1f} GFLOP/s (1024^3 float32 matrix product, best of 10)")
    print(f"peak process memory (max RSS) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
