package oneclass.features;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;

/**
 * A small convolutional network with random (untrained, seeded) weights, written as an ordinary
 * Deeplearning4j model file. It is NOT a pretrained extractor: it exists to run the whole pretrained-features
 * path (model file → features → cache → HRN) where no pretrained weights can be downloaded, as the tests and
 * the smoke run do, and as a control (random-feature baseline) beside real pretrained features.
 *
 * <p>Input 3×32×32 → conv 3×3 (8, ReLU) → max-pool 2 → conv 3×3 (16, ReLU) → max-pool 2 → dense 32 (ReLU),
 * the layer {@value #FEATURE_LAYER} → a 10-way softmax output that is never trained.
 */
public final class RandomCnn {
    private RandomCnn() {}

    public static final String FEATURE_LAYER = "features";
    public static final int FEATURE_DIM = 32;

    public static ComputationGraph build(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(32, 32, 3))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build(), "image")
                .addLayer("pool1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build(), "pool1")
                .addLayer("pool2", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "conv2")
                .addLayer(FEATURE_LAYER, new DenseLayer.Builder().nOut(FEATURE_DIM).activation(Activation.RELU).build(), "pool2")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), FEATURE_LAYER)
                .setOutputs("output")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Builds the network with {@code seed} and writes it to {@code file} (atomically). */
    public static void write(Path file, long seed) {
        oneclass.run.Io.writeAtomically(file, out -> ModelSerializer.writeModel(build(seed), out, false));
    }
}
