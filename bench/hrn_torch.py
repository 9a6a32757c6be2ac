#!/usr/bin/env python3
"""PyTorch counterpart of HRN's training, the peer that `make bench` (scripts/hrn_bench.java) times ours against.

The same algorithm as oneclass.hrn.HrnTrainer under the paper protocol: a 784-100-1 MLP without biases,
ReLU, PyTorch's default nn.Linear initialisation U(+-1/sqrt(fan_in)), the loss of HRN Eq. (3)

    mean_b -log Sigmoid(f(x_b))  +  lam * mean_b ||grad_x f(x_b)||^n     (lam = 0.1, n = 12)

with the input gradient taken by autograd (create_graph=True, i.e. double backprop), SGD with momentum
0.9 and lr 0.1, batch 100 in a fresh random order every epoch, the last batch smaller. The backward pass
asks only for the parameters' gradients (backward(inputs=...)): a plain loss.backward() would also
compute the batch's own gradient, one more 100x100x784 product per step.
One thread (torch.set_num_threads(1)), as our run alone uses one.

Input: the training matrix that hrn_bench writes, raw little-endian float32, `--rows` rows of `--dim`.
Output on stdout, one `key=value` per line (read by oneclass.hrn.TorchPeer):
    torch=<version>  threads=1  blas=<library loaded>  epochs=<timed epochs>  seconds_per_epoch=<median>
    fastest_seconds_per_epoch=<min>    final_loss=<loss>  sgemm_gflops=<torch.mm on the step's product shapes, for comparison with ours>
The BLAS matters: with Debian's reference libblas3 (no libopenblas0 installed) torch's products are ~20x slower.
Exit status 3 and one line `skipped=<reason>` when torch cannot be imported.
"""
import argparse
import os
import sys
import time

# One thread everywhere: torch.set_num_threads(1) does not reach the thread pool of a system OpenBLAS (Debian's torch
# calls the generic libblas.so.3), which must be told before it loads.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
except ImportError as e:
    print(f"skipped=torch cannot be imported by {sys.executable} ({e})")
    sys.exit(3)


def loaded_blas():
    """The BLAS (or MKL) shared library this process has mapped, from /proc/self/maps (Linux); else 'unknown'."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() or "mkl" in line.lower()}
        paths = {p for p in paths if "lapack" not in p}
        return ",".join(sorted(p for p in paths if p.startswith("/"))) or "unknown"
    except OSError:
        return "unknown"


def sgemm_gflops(batch, dim, hidden, bursts=50, seconds=0.02):
    """GFLOP/s of torch.mm on the step's product shapes (x.W1^T, u.W1, u^T.x), timed back to back; the best
    of short bursts, the rate of the core when no other process takes it (as in hrn_bench)."""
    x, w, u = torch.rand(batch, dim), torch.rand(hidden, dim), torch.rand(batch, hidden)
    def three():
        torch.mm(x, w.t()); torch.mm(u, w); torch.mm(u.t(), x)
    for _ in range(20):
        three()
    best = 0.0
    for _ in range(bursts):
        reps, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            three()
            reps += 1
        best = max(best, 3 * 2 * batch * dim * hidden * reps / (time.perf_counter() - start) / 1e9)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True, help="raw float32 file, rows x dim, row-major")
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--dim", type=int, default=784)
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=12, help="epochs run; the first 2 are warm-up and not counted")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--lam", type=float, default=0.1)
    ap.add_argument("--n", type=float, default=12)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.epochs < 3:
        ap.error(f"--epochs must be >= 3 (2 warm-up epochs are not counted), got {a.epochs}")

    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    x = torch.from_numpy(np.fromfile(a.input, dtype="<f4").reshape(a.rows, a.dim))
    model = torch.nn.Sequential(torch.nn.Linear(a.dim, a.hidden, bias=False), torch.nn.ReLU(),
                                torch.nn.Linear(a.hidden, 1, bias=False))
    params = list(model.parameters())
    opt = torch.optim.SGD(params, lr=0.1, momentum=0.9)

    times, loss = [], float("nan")
    for _ in range(a.epochs):
        start = time.perf_counter()
        for idx in torch.randperm(a.rows).split(a.batch):
            xb = x[idx].requires_grad_(True)
            f = model(xb).squeeze(1)
            g, = torch.autograd.grad(f.sum(), xb, create_graph=True)          # grad_x f, one row per example
            obj = F.softplus(-f).mean() + a.lam * g.pow(2).sum(1).pow(a.n / 2).mean()
            opt.zero_grad()
            obj.backward(inputs=params)                                       # not x's own gradient: a product saved
            opt.step()
            loss = obj.item()
        times.append(time.perf_counter() - start)
    counted = sorted(times[2:])
    print(f"torch={torch.__version__}")
    print(f"threads={torch.get_num_threads()}")
    print(f"blas={loaded_blas()}")
    print(f"epochs={len(counted)}")
    print(f"seconds_per_epoch={counted[len(counted) // 2]:.6f}")
    print(f"fastest_seconds_per_epoch={counted[0]:.6f}")
    print(f"final_loss={loss:.6f}")
    print(f"sgemm_gflops={sgemm_gflops(a.batch, a.dim, a.hidden):.2f}")


if __name__ == "__main__":
    main()
