package ai.braid.plugin.ssesf.data.diagnostic;

import java.util.Set;

/**
 * Lexicon words never written into a text: AFINN rates obscenities, slurs and words of sexual
 * violence like any other word, and a dataset meant to be looked at (its images carry the
 * text) should not print them. The list is every such single word of AFINN-165 with |score| >=
 * 2, found by searching the lexicon for the usual stems; milder insults ("idiot", "moron") and
 * words about crime or violence in general ("murdering", "terror") stay.
 */
final class ExcludedWords {

    /** The excluded words, lower case. */
    static final Set<String> WORDS = Set.of(
            "apeshit", "arsehole", "ass", "assfucking", "asshole", "badass", "bastard",
            "bastards", "bitch", "bitches", "bullshit", "cock", "cocksucker", "cocksuckers",
            "crap", "crappy", "cunt", "damn", "damned", "damnit", "dick", "dickhead", "dipshit",
            "douche", "douchebag", "dumbass", "fag", "faggot", "faggots", "fuck", "fucked",
            "fucker", "fuckers", "fuckface", "fuckhead", "fuckin", "fucking", "fucktard",
            "fuked", "fuking", "goddamn", "jackass", "jackasses", "lmfao", "motherfucker",
            "motherfucking", "niggas", "nigger", "piss", "pissed", "pissing", "prick", "rape",
            "raped", "rapist", "retard", "retarded", "rotflmfao", "shit", "shithead", "shitty",
            "slut", "tits", "twat", "wanker", "whore", "wtf", "wtff", "wtfff");

    private ExcludedWords() {}
}
