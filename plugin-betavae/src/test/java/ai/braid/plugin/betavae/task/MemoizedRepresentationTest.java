package ai.braid.plugin.betavae.task;

import static org.assertj.core.api.Assertions.assertThat;

import ai.braid.plugin.betavae.DSpritesFactors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoizedRepresentationTest {

    @Test
    void encodesEachDistinctImageOnceAndReturnsTheSameCodes() {
        List<DSpritesFactors> seen = new ArrayList<>();
        MemoizedRepresentation memo = new MemoizedRepresentation(factors -> {
            seen.addAll(factors);
            double[][] codes = new double[factors.size()][];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = new double[] {factors.get(i).index(), factors.get(i).shape()};
            }
            return codes;
        }, 2);
        DSpritesFactors a = DSpritesFactors.ofIndex(12_345);
        DSpritesFactors b = DSpritesFactors.ofIndex(700_001);
        double[][] first = memo.encode(List.of(a, b, a));
        double[][] second = memo.encode(List.of(b, a));

        assertThat(seen).containsExactly(a, b);
        assertThat(first[0]).containsExactly(12_345, a.shape());
        assertThat(first[1]).containsExactly(700_001, b.shape());
        assertThat(first[2]).containsExactly(first[0]);
        assertThat(second[0]).containsExactly(first[1]);
    }
}
