package ai.braid.plugin.fashion;

import java.util.Arrays;
import java.util.List;

/**
 * The ten Fashion-MNIST classes in label order, each with the WordNet senses its texts come
 * from.
 *
 * <p>The specific sense names the class itself. The general sense is shared by the class's
 * group, the nearest common WordNet hypernym of the group's specific senses: clothing#1 for the
 * six clothes (T-shirt, trouser, pullover, coat and shirt are garments, the dress is woman's
 * clothing, and both are clothing#1), footwear#2 for the three shoes (sandal and gym shoe are
 * shoes, shoe and boot are footwear#2), container#1 for the bag (the handbag's direct
 * hypernym). Bag is the only class of its group, so even its general text identifies it.
 */
enum GarmentClass {
    /** Label 0; WordNet: "a close-fitting pullover shirt". */
    T_SHIRT("T-shirt/top", new NounSense("t-shirt", 1), Group.CLOTHING),
    /** Label 1; WordNet: "a garment extending from the waist to the knee or ankle...". */
    TROUSER("Trouser", new NounSense("trouser", 1), Group.CLOTHING),
    /** Label 2; WordNet: "a sweater that is put on by pulling it over the head". */
    PULLOVER("Pullover", new NounSense("pullover", 1), Group.CLOTHING),
    /** Label 3; WordNet: "a one-piece garment for a woman; has skirt and bodice". */
    DRESS("Dress", new NounSense("dress", 1), Group.CLOTHING),
    /** Label 4; WordNet: "an outer garment that has sleeves and covers the body...". */
    COAT("Coat", new NounSense("coat", 1), Group.CLOTHING),
    /** Label 5; WordNet: "a shoe consisting of a sole fastened by straps to the foot". */
    SANDAL("Sandal", new NounSense("sandal", 1), Group.FOOTWEAR),
    /** Label 6; WordNet: "a garment worn on the upper half of the body". */
    SHIRT("Shirt", new NounSense("shirt", 1), Group.CLOTHING),
    /** Label 7; WordNet: "a canvas shoe with a pliable rubber sole". */
    SNEAKER("Sneaker", new NounSense("sneaker", 1), Group.FOOTWEAR),
    /** Label 8; WordNet: "a container used for carrying money and small personal items...". */
    BAG("Bag", new NounSense("handbag", 1), Group.CONTAINER),
    /** Label 9; WordNet: "footwear that covers the whole foot and lower leg". */
    ANKLE_BOOT("Ankle boot", new NounSense("boot", 1), Group.FOOTWEAR);

    /** The groups that share a general text, with the sense of that text. */
    enum Group {
        /** WordNet: "a covering designed to be worn on a person's body". */
        CLOTHING(new NounSense("clothing", 1)),
        /** WordNet: "covering for a person's feet". */
        FOOTWEAR(new NounSense("footwear", 2)),
        /** WordNet: "any object that can be used to hold things". */
        CONTAINER(new NounSense("container", 1));

        private final NounSense sense;

        Group(NounSense sense) {
            this.sense = sense;
        }

        /**
         * Returns the sense whose definition is the group's general text.
         *
         * @return the sense
         */
        NounSense sense() {
            return sense;
        }
    }

    private static final GarmentClass[] BY_LABEL = values();

    private final String displayName;
    private final NounSense specific;
    private final Group group;

    GarmentClass(String displayName, NounSense specific, Group group) {
        this.displayName = displayName;
        this.specific = specific;
        this.group = group;
    }

    /**
     * Returns the class for a label of the IDX label files.
     *
     * @param label in {@code [0, 10)}
     * @return the class
     */
    static GarmentClass of(int label) {
        return BY_LABEL[label];
    }

    /**
     * Returns the class names of the dataset's documentation, in label order.
     *
     * @return ten names, "T-shirt/top" first
     */
    static List<String> displayNames() {
        return Arrays.stream(BY_LABEL).map(GarmentClass::displayName).toList();
    }

    /**
     * Returns the name the dataset's documentation gives the class.
     *
     * @return e.g. "Ankle boot"
     */
    String displayName() {
        return displayName;
    }

    /**
     * Returns the sense that names this class.
     *
     * @return the specific sense
     */
    NounSense specific() {
        return specific;
    }

    /**
     * Returns the group whose general sense this class shares.
     *
     * @return the group
     */
    Group group() {
        return group;
    }
}
