package oneclass.hrn;

import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;


/**
 * SGD with heavy-ball momentum, PyTorch's semantics: v ← μ·v + ∇θ, θ ← θ − lr·v (v starts at 0).
 * ND4J's updaters include Nesterov momentum but not this one (docs/stack-facts.md).
 */
final class SgdMomentum {
    private final double lr, momentum;
    private final INDArray theta, grad, velocity; // flat [1, P]

    SgdMomentum(FlatParameters params, double lr, double momentum) {
        this.theta = params.theta;
        this.grad = params.grad;
        this.velocity = theta.like().assign(0);
        this.lr = lr;
        this.momentum = momentum;
    }

    /** Three BLAS level-1 calls: unlike ND4J's element-wise operations they allocate nothing and cost ~1 µs of overhead. */
    void step() {
        Level1 blas = Nd4j.getBlasWrapper().level1();
        long n = theta.length();
        blas.scal(n, momentum, velocity);   // v ← μ·v
        blas.axpy(n, 1, grad, velocity);    // v ← μ·v + ∇θ
        blas.axpy(n, -lr, velocity, theta); // θ ← θ − lr·v
    }
}
