"""The relation lexicon, as data: which words signal which relation, and where their target sits.

Targets are read from the trigger's dependents: "dobj" (the direct object, or the passive
subject), "ccomp" (the subject of a that-clause: "insisted that Lima extradite the suspects"),
"xcomp" (an actor named inside a to-clause: "threatened to send troops into Guyana"),
or a preposition ("cooperate with", "call on", "sanctions against"). Everything is keyed
by lowercase lemma and built once at import.
"""

from __future__ import annotations

from typing import NamedTuple

from graphbuilder.model import Relation as R


class Cue(NamedTuple):
    relation: R
    targets: tuple[str, ...]
    confidence: float
    mutual: bool = False  # with no target, coordinated subjects act on each other ("A and B met")


def _group(relation: R, lemmas: str, targets: str, confidence: float, mutual: bool = False) -> dict[str, Cue]:
    cue = Cue(relation, tuple(targets.split()), confidence, mutual)
    return {lemma: cue for lemma in lemmas.split()}


def _merge(*groups: dict[str, Cue]) -> dict[str, tuple[Cue, ...]]:
    merged: dict[str, tuple[Cue, ...]] = {}
    for group in groups:
        for lemma, cue in group.items():
            merged[lemma] = (*merged.get(lemma, ()), cue)
    return merged


# Verbs whose subject acts on a target.
VERBS: dict[str, tuple[Cue, ...]] = _merge(
    _group(R.URGES, "urge press encourage request implore exhort", "dobj between", 0.9),
    _group(R.URGES, "ask", "dobj", 0.75),
    _group(R.URGES, "call", "on upon", 0.85),
    _group(R.URGES, "appeal", "to", 0.85),
    _group(R.URGES, "advocate", "between", 0.75),
    _group(R.DEMANDS, "demand", "dobj ccomp", 0.85),
    _group(R.DEMANDS, "order", "dobj", 0.7),
    _group(R.CRITICIZES, "criticize criticise condemn denounce slam blast censure decry deplore rebuke chastise "
                         "lambast lambaste castigate accuse blame fault reprimand", "dobj", 0.9),
    _group(R.CRITICIZES, "protest", "against", 0.75),
    _group(R.REJECTS, "reject dismiss rebuff spurn veto repudiate", "dobj", 0.85),
    _group(R.REJECTS, "deny refuse", "dobj", 0.6),
    _group(R.THREATENS, "threaten", "dobj xcomp against", 0.8),
    _group(R.THREATENS, "warn", "dobj against", 0.75),
    _group(R.SANCTIONS, "sanction expel blacklist designate embargo boycott", "dobj", 0.85),
    _group(R.ATTACKS, "attack bomb shell raid invade kill kidnap abduct assassinate ambush storm airstrike "
                      "massacre behead", "dobj", 0.85),
    _group(R.ATTACKS, "strike target shoot", "dobj", 0.7),
    _group(R.ATTACKS, "fire", "on at", 0.7),
    _group(R.COOPERATES_WITH, "cooperate collaborate ally partner coordinate team", "with", 0.85, mutual=True),
    _group(R.COOPERATES_WITH, "work", "with alongside", 0.7),
    _group(R.COOPERATES_WITH, "fight serve operate", "alongside", 0.7),
    _group(R.COOPERATES_WITH, "join", "dobj", 0.6),
    _group(R.SUPPORTS, "support back endorse welcome praise commend hail applaud laud congratulate thank", "dobj",
           0.85),
    _group(R.AIDS, "aid assist", "dobj", 0.8),
    _group(R.AIDS, "help", "dobj", 0.6),
    _group(R.MEETS, "meet", "dobj with", 0.9, mutual=True),
    _group(R.MEETS, "visit host", "dobj", 0.8),
    _group(R.MEETS, "talk confer negotiate", "with", 0.75, mutual=True),
    _group(R.MEETS, "speak consult", "with", 0.75),
)

MONEY = "<money>"  # stands for any amount of money the NER found ("pledged $30 million to")

# Light verb + noun: the noun carries the meaning ("launched raids on", "imposed sanctions on").
# (verbs, nouns, relation, target prepositions, confidence); COOPERATES_WITH and MEETS ones are mutual
_LIGHT_GROUPS: list[tuple[str, str, R, str, float]] = [
    ("open", "fire", R.ATTACKS, "on at", 0.8),
    ("carry conduct launch stage mount wage unleash claim", "attack attacks strike strikes airstrike airstrikes raid raids "
     "bombing bombings offensive assault operation kidnapping kidnappings insurgency war campaign", R.ATTACKS,
     "on against in", 0.8),
    ("impose slap announce extend tighten", "sanction sanctions embargo ban tariff tariffs", R.SANCTIONS,
     "on against", 0.85),
    ("suspend cut sever freeze downgrade halt block withhold", "tie ties relation relations aid assistance "
     "funding cooperation talks", R.SANCTIONS, "with to", 0.8),
    ("express voice", "regret concern outrage anger displeasure dismay indignation", R.CRITICIZES,
     "over at about on", 0.7),
    ("express voice pledge promise offer", "support solidarity backing", R.SUPPORTS, "for with to", 0.75),
    ("lodge file register", "protest complaint", R.CRITICIZES, "with against", 0.75),
    ("issue", "condemnation", R.CRITICIZES, "of", 0.75),
    ("issue deliver", "warning threat ultimatum", R.THREATENS, "to against", 0.75),
    ("pose", "threat", R.THREATENS, "to", 0.7),
    ("form forge build strengthen deepen boost expand", "alliance partnership tie ties relation relations "
     "cooperation coalition", R.COOPERATES_WITH, "with", 0.7),
    ("sign reach strike conclude seal ink", "agreement accord deal pact treaty memorandum mou", R.COOPERATES_WITH,
     "with", 0.8),
    ("join", "hand hands force forces", R.COOPERATES_WITH, "with", 0.75),
    ("provide give send supply deliver pledge donate grant offer", f"aid assistance weapon weapons arm arms money "
     f"fund funds funding loan loans ammunition equipment {MONEY}", R.AIDS, "to for", 0.8),
    ("hold have", "talk talks meeting meetings discussion discussions consultation consultations negotiation "
     "negotiations", R.MEETS, "with", 0.8),
    ("pay", "visit", R.MEETS, "to", 0.8),
]
LIGHT_VERBS: dict[tuple[str, str], Cue] = {
    (verb, noun): Cue(relation, tuple(preps.split()), confidence, relation.info.symmetric)
    for verbs, nouns, relation, preps, confidence in _LIGHT_GROUPS
    for verb in verbs.split()
    for noun in nouns.split()
}
LIGHT_VERB_LEMMAS = frozenset(verb for verb, _ in LIGHT_VERBS)

# Event nouns: "Russia's attack on Ukraine", "sanctions against Iran by the EU", "Kyiv's demand that ...".
NOUNS: dict[str, Cue] = {
    **_group(R.ATTACKS, "attack strike airstrike bombing raid offensive invasion assault shelling kidnapping",
             "on against", 0.7),
    **_group(R.SANCTIONS, "sanction embargo expulsion", "on against", 0.7),
    **_group(R.CRITICIZES, "condemnation criticism", "of", 0.7),
    **_group(R.REJECTS, "rejection", "of", 0.7),
    **_group(R.THREATENS, "threat", "to against", 0.6),
    **_group(R.DEMANDS, "demand", "ccomp on", 0.7),
    **_group(R.MEETS, "meeting talk visit", "with to", 0.7),
    **_group(R.AIDS, "aid assistance", "to for", 0.6),
}

# Nouns whose owner said what their that-clause says: "Orban's remarks that ...", "the minister's claim that ...".
REPORT_NOUNS = frozenset("claim claims remark remarks statement statements assertion assertions allegation "
                         "allegations comment comments accusation accusations warning warnings announcement".split())

# Reporting verbs give SAID; their complement (a that-clause or a quote) is the claim.
_REPORTING_BASE = frozenset(
    "say tell add state note stress announce claim insist warn assert affirm declare confirm reiterate explain "
    "continue argue maintain emphasise emphasize underline underscore allege acknowledge admit report "
    "pledge vow promise write tweet remark observe point caution predict deny describe answer reply respond "
    "suggest believe estimate conclude recall reveal disclose contend concede".split())
# and their iterative forms, which report just the same ("restated", "reaffirmed", "reasserted")
REPORTING_VERBS = _REPORTING_BASE | frozenset("re" + verb for verb in _REPORTING_BASE)
# those that mean something else unless a quote or a that-clause follows them
REPORTING_NEEDS_CLAUSE = frozenset("continue point answer respond reply".split())
# "branded the raid a war crime", "described the vote as a sham": the object and its "as" phrase are the claim
DESCRIBING_VERBS = frozenset("describe call term brand label".split())
# "admitted firing the shell", "reported spotting a drone": a gerund complement is the claim
GERUND_REPORTING = frozenset("report announce confirm deny acknowledge admit".split())

# A said or told clause with an obligation modal is a demand on its subject ("told Ecuador it cannot ...",
# "made it clear that Hanoi must ..."); a "should" is an appeal.
OBLIGATION_AUX = {"must": R.DEMANDS, "should": R.URGES, "ought": R.URGES}
OBLIGATION_VERBS = {"have": R.DEMANDS, "need": R.DEMANDS}  # "has to", "needs to"
ADDRESSING_VERBS = frozenset("tell warn remind inform".split())  # their object is whom the clause addresses

# Verbs under which a to-clause is no actual act ("wants to attack", "urged X to sanction").
ASPECTUAL = frozenset("continue begin start resume keep".split())
HYPOTHETICAL_AUX = frozenset("would could might may should can ought".split())
CONDITIONAL_MARKS = frozenset("if unless whether".split())
# nouns under which an event noun is wished for, not done ("advocated closer cooperation")
IRREALIS_GOVERNORS = frozenset(
    "advocate encourage urge call want seek propose hope ask demand push press consider plan discuss suggest "
    "need aim try explore".split())
# "blamed for the attacks on X": the blamed actor did what the event noun says
ALLEGATION_VERBS = frozenset("blame accuse hold suspect".split())
# "a number of attacks": look through quantity nouns to the event
QUANTITY_NOUNS = frozenset("number series wave spate string couple lot host round".split())
# "in partnership with X", "in coordination with X": prepositional phrases that carry a "with" target
WITH_CARRIERS = frozenset("association cooperation partnership conjunction coordination collaboration concert "
                          "alliance".split())

