package oneclass.ics;

import oneclass.ics.ConvStack.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The networks of ICS: the classifier's feature extractor and the split autoencoder, with the input side
 * they expect.
 *
 * <p>{@link #alexNetLike}: the paper's "base architecture ... was AlexNet" and an autoencoder whose
 * "encoder shared a similar structure with AlexNet except that all dense layers were replaced by one
 * convolutional layer" and a "symmetrical" decoder of transposed convolutions (Sec. 3.1). AlexNet's
 * layout (five convolutions 11-5-3-3-3 with max-pooling after the 1st, 2nd and 5th, then two dense layers
 * and the output) is kept; sizes are scaled to 28×28 / 32×32 inputs and to a CPU budget: kernels 5-5-3-3-3,
 * the first with stride 2 (AlexNet: 4), the others 1, widths w·(1, 2, 3, 3, 2) (AlexNet: 96-256-384-384-256), dense 8w → 4w = z (AlexNet: 4096 → 4096),
 * no dropout, no local response normalization. The autoencoder keeps the strided first convolution
 * and the first pooling stage (28 → 7, 32 → 8) so that two stride-2 transposed convolutions invert them exactly; its bottleneck is
 * one 1×1 convolution to {@code latent} channels. The decoder's transposed convolutions are 3×3 (not the
 * encoder's 5×5), chosen when ND4J's transposed convolution (col2im) was the slowest op of the split on a CPU
 * (3×3 made the autoencoder about 2.5× cheaper); {@link ConvStack} now builds them from convolutions. The
 * autoencoder's weights are He-uniform, not Glorot-uniform (Keras' default, kept for the classifier): with
 * Glorot weights its nine layers passed the input on so weakly (at the start the reconstructions varied
 * across images by ~1e-6 of the images' variance) that on some digits (MNIST 1, 4, 7 at seed 1, w = 8) training
 * fell into the one constant image that best matches the class; on digit 4 it did so from four seeds, at RMSprop
 * 1e-3, 3e-4 and 1e-4, Adam 1e-3, with LeakyReLU 0.2 and without L2, and trained with He weights
 * (docs/findings-ics.md).
 *
 * <p>{@link #officialCode}: the authors' code (docs/official-code-facts.md): a VGG-like
 * classifier of paired 3×3 convolutions 16/32/64/128 with LeakyReLU 0.2 and average pooling, two 1×1
 * convolutions of 256, dense 256 → 128 = z, on 32×32 inputs (28×28 zero-padded); an autoencoder of paired
 * 3×3 blocks 8/16/32/64 with max-pooling, a 1×1 latent convolution of 128, four stride-2 transposed
 * convolutions. Left out here: the code's BatchNorm layers, dropout 0.5 on z, and the concatenation of the
 * paired convolutions' outputs in the autoencoder (a plain sequence instead).
 */
public record IcsArchitecture(String name, int side, ConvStack features, ConvStack encoder, ConvStack decoder) {

    /** The paper's AlexNet-like networks at width {@code w} (16 by default) for images of this side and channels. */
    public static IcsArchitecture alexNetLike(int imageSide, int channels, int w, int latent) {
        if (w < 1) throw new IllegalArgumentException("width must be >= 1, got " + w);
        if (latent < 1) throw new IllegalArgumentException("latent channels must be >= 1, got " + latent);
        ConvStack features = new ConvStack(List.of(
                new Conv(w, 5, 2), new Pool(true),
                new Conv(2 * w, 5), new Pool(true),
                new Conv(3 * w, 3), new Conv(3 * w, 3), new Conv(2 * w, 3), new Pool(true),
                new Dense(8 * w), new Dense(4 * w)), 0);
        ConvStack encoder = new ConvStack(List.of(
                new Conv(w, 5, 2), new Pool(true),
                new Conv(2 * w, 5), new Conv(2 * w, 3), new Conv(latent, 1)), 0, true);
        ConvStack decoder = new ConvStack(List.of(
                new Deconv(2 * w, 3, 1), new Deconv(2 * w, 2, 2),
                new Deconv(w, 3, 1), new Deconv(w, 2, 2),
                new Deconv(channels, 3, 1)), 0, true);
        return new IcsArchitecture("alexnet-like(w=" + w + ",latent=" + latent + ")", imageSide, features, encoder, decoder);
    }

    /** The authors' code's VGG-like networks (without BatchNorm and dropout), on 32×32 inputs. */
    public static IcsArchitecture officialCode(int channels) {
        List<Layer> f = new ArrayList<>();
        for (int filters : new int[] {16, 32, 64}) {
            f.add(new Conv(filters, 3));
            f.add(new Conv(filters, 3));
            f.add(new Pool(false));
        }
        f.addAll(List.of(new Conv(128, 3), new Conv(128, 3), new Conv(256, 1), new Conv(256, 1), new Dense(256), new Dense(128)));
        List<Layer> e = new ArrayList<>();
        for (int filters : new int[] {8, 16, 32, 64}) {
            e.add(new Conv(filters, 3));
            e.add(new Conv(filters, 3));
            e.add(new Pool(true));
        }
        e.add(new Conv(128, 1));
        ConvStack decoder = new ConvStack(List.of(new Deconv(64, 2, 2), new Deconv(32, 2, 2), new Deconv(16, 2, 2), new Deconv(8, 2, 2),
                new Deconv(channels, 3, 1)), 0.2);
        return new IcsArchitecture("vgg-like (official code)", 32, new ConvStack(f, 0.2), new ConvStack(e, 0.2), decoder);
    }

    @Override public String toString() {
        return name + " side=" + side + " features=[" + features + "] encoder=[" + encoder + "] decoder=[" + decoder + "]";
    }
}
