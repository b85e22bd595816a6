"""The one declarative table between workbook sheets/columns and the ontology's properties.

Each `Sheet` selects resources by `rdf:type`; each `Column` stands for one property (or its
inverse: a child row naming its parent) and one value kind. Export puts a triple in the first
column that can carry it losslessly; every other triple goes to the sheet `Overig`, so the
workbook always holds the whole agenda. Import reads the same table backwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from werkagenda.config import DEFAULT_BASE

CONCEPT = DEFAULT_BASE + "id/concept/"

# Kinds of cell: id · types · file · check (structural) · iri (CURIEs) · actor (organisation
# names) · code (a value from a code list: dropdown) · str · nl · en (literals) · typed · bool
KINDS = ("id", "types", "file", "check", "iri", "actor", "code", "str", "nl", "en", "typed", "bool")


@dataclass(frozen=True)
class CodeList:
    """The values of a dropdown: resources of the vocabulary under `namespace` (of `klass`)."""

    key: str
    nl: str
    en: str
    namespace: str
    klass: str | None = None  # a CURIE; None: every subject under the namespace


CODE_LISTS = {
    c.key: c
    for c in (
        CodeList("bron", "Financieringsbron", "Funding source", CONCEPT + "financieringsbron/"),
        CodeList(
            "fstatus", "Financieringsstatus", "Funding status", CONCEPT + "financieringsstatus/"
        ),
        CodeList("zekerheid", "Zekerheid", "Certainty", CONCEPT + "zekerheid/"),
        CodeList("astatus", "Aanvraagstatus", "Application status", CONCEPT + "aanvraagstatus/"),
        CodeList(
            "rvsoort", "Soort randvoorwaarde", "Precondition kind", CONCEPT + "randvoorwaardesoort/"
        ),
        CodeList("mpsoort", "Soort mijlpaal", "Milestone kind", CONCEPT + "mijlpaalsoort/"),
        CodeList("niveau", "Schaalniveau", "Scale level", CONCEPT + "schaalniveau/"),
        CodeList("osoort", "Organisatiesoort", "Organisation kind", CONCEPT + "organisatiesoort/"),
        CodeList("rol", "Rol", "Role", CONCEPT + "rol/"),
        CodeList("lijst", "Lijst", "List", CONCEPT + "lijst/"),
        CodeList("oplossing", "Oplossing", "Resolution", CONCEPT + "oplossing/"),
        CodeList("nsoort", "Notitiesoort", "Note kind", CONCEPT + "notitiesoort/"),
        CodeList("afleiding", "Afleiding", "Derivation", CONCEPT + "afleiding/"),
        CodeList("tijd", "Periode", "Period", DEFAULT_BASE + "id/tijd/", "time:ProperInterval"),
        CodeList("plaats", "Gebied", "Area", DEFAULT_BASE + "id/plaats/"),
        CodeList("doelgroep", "Doelgroep", "Audience", DEFAULT_BASE + "id/doelgroep/"),
    )
}


@dataclass(frozen=True)
class Column:
    key: str
    nl: str
    en: str
    pred: str | None = None  # a CURIE of config.PREFIXES; None for structural columns
    kind: str = "str"
    datatype: str | None = None  # for kind "typed"
    codes: str | None = None  # for kind "code": a CODE_LISTS key
    inverse: bool = False  # the row is the object: the cell lists the subjects
    required: bool = False
    width: int = 18

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Sheet:
    key: str
    nl: str
    en: str
    types: tuple[str, ...]  # CURIEs; a resource goes to the first sheet naming one of its types
    columns: tuple[Column, ...]
    blank: bool = False  # rows are blank nodes (identified only inside the workbook)
    mint: str | None = None  # naming rule for new rows (see sheets/naming.py)
    file: str = "{theme}.ttl"  # default Turtle file of a new row
    all_columns: tuple[Column, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "all_columns", (ID, *self.columns, TYPES, *_TAIL))

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


def c(key: str, nl: str, en: str, pred: str, kind: str = "str", **kw: object) -> Column:
    return Column(key, nl, en, pred, kind, **kw)  # type: ignore[arg-type]


ID = Column("id", "ID (niet wijzigen)", "ID (do not change)", None, "id", width=22)
TYPES = Column("type", "Klasse", "Class", "rdf:type", "types", required=True, width=20)
_TAIL = (
    c("editorial", "Redactionele noot", "Editorial note", "skos:editorialNote", "nl", width=40),
    c("note", "Opmerking", "Note", "skos:note", "nl", width=30),
    c("scope", "Toelichting", "Scope note", "skos:scopeNote", "nl", width=30),
    c("bron", "Bronregels", "Source lines", "wa:bronregel", "iri", width=16),
    Column("file", "Bestand", "File", None, "file", width=14),
    Column("check", "Controle", "Checksum", None, "check", width=10),
)


def _parent(pred: str, nl: str = "Inspanning", en: str = "Initiative") -> Column:
    return c("parent", nl, en, pred, "iri", inverse=True, required=True, width=16)


def _code(key: str, nl: str, en: str, pred: str, codes: str, **kw: object) -> Column:
    return c(key, nl, en, pred, "code", codes=codes, **kw)


SOURCE_TEXT = c("brontekst", "Brontekst", "Source text", "wa:bronTekst", width=40)
THEME = c("opgave", "Opgave", "Theme", "wa:binnenOpgave", "iri", width=12)

# The table itself: one sheet a block, one column a line (kept as laid out: fmt: off).
# fmt: off
SHEETS: tuple[Sheet, ...] = (
    Sheet("agenda", "Agenda", "Agenda", ("wa:Werkagenda", "skos:ConceptScheme"), (
        c("label_nl", "Label", "Label (nl)", "rdfs:label", "nl", width=30),
        c("label_en", "Label (en)", "Label (en)", "rdfs:label", "en", width=30),
        c("title_nl", "Titel", "Title (nl)", "dct:title", "nl", width=30),
        c("title_en", "Titel (en)", "Title (en)", "dct:title", "en", width=30),
        c("pref_nl", "Naam", "Name (nl)", "skos:prefLabel", "nl", width=30),
        c("pref_en", "Naam (en)", "Name (en)", "skos:prefLabel", "en", width=30),
        c("desc_nl", "Beschrijving", "Description (nl)", "dct:description", "nl", width=50),
        c("desc_en", "Beschrijving (en)", "Description (en)", "dct:description", "en", width=50),
        c("issued", "Uitgegeven", "Issued", "dct:issued", "typed", datatype="xsd:gYearMonth"),
        c("editie", "Editie", "Edition", "wa:editie", "typed", datatype="xsd:gYear", width=10),
        c("regio", "Regio", "Region", "wa:regio", width=14),
        c("bron_doc", "Brondocument", "Source document", "wa:bronDocument", "iri", width=30),
        c("verband", "Samenwerkingsverband", "Collaboration", "wa:samenwerkingsverband", "actor"),
        c("werkagenda", "Werkagenda", "Work agenda", "wa:werkagenda", "iri", width=30),
        c("top", "Topbegrippen", "Top concepts", "skos:hasTopConcept", "iri"),
    ), file="agenda.ttl"),
    Sheet("bronnen", "Bronnen", "Sources", ("wa:BronDocument",), (
        c("label_nl", "Label", "Label (nl)", "rdfs:label", "nl", width=30),
        c("label_en", "Label (en)", "Label (en)", "rdfs:label", "en", width=30),
        c("title_nl", "Titel", "Title (nl)", "dct:title", "nl", required=True, width=40),
        c("title_en", "Titel (en)", "Title (en)", "dct:title", "en", width=40),
        c("issued", "Uitgegeven", "Issued", "dct:issued", "typed", datatype="xsd:gYearMonth"),
        c("pad", "Bestandspad", "File path", "wa:bestandspad", width=40),
        c("refs", "Verwijst naar", "References", "dct:references", "iri", width=30),
        c("scope_en", "Toelichting (en)", "Scope note (en)", "skos:scopeNote", "en", width=30),
    ), file="agenda.ttl"),
    Sheet("doelen", "Opgaven en doelen", "Themes and goals",
          ("wa:PrioritaireOpgave", "wa:StrategischDoel", "wa:OperationeelDoel"), (
        THEME,
        c("code", "Code", "Code", "wa:code", width=8),
        c("notatie", "Notatie", "Notation", "skos:notation", width=12),
        c("kolom", "Kolom", "Column", "wa:kolom", width=7),
        c("letter", "Letter", "Letter", "wa:letter", width=7),
        c("pref_nl", "Naam", "Name (nl)", "skos:prefLabel", "nl", width=30),
        c("pref_en", "Naam (en)", "Name (en)", "skos:prefLabel", "en", width=30),
        c("alt", "Andere namen", "Other names", "skos:altLabel", "nl", width=24),
        c("desc", "Doeltekst", "Goal text", "dct:description", "nl", width=60),
        c("ambitie", "Ambitie", "Ambition", "wa:ambitie", "nl", width=50),
        c("draagt", "Draagt bij aan", "Contributes to", "wa:draagtBijAan", "iri", width=14),
        c("doeljaar", "Doeljaar", "Target year", "wa:doeljaar", "typed", datatype="xsd:gYear"),
        _code("periode", "Doelperiode", "Target period", "wa:doelPeriode", "tijd"),
        c("nummers", "Nummerlijst", "Number list", "wa:nummerlijstTekst", width=14),
        c("bijdrage", "Noemt bijdrage", "Lists contribution", "wa:noemtBijdrage", "iri"),
        c("overlap", "Overlapt met", "Overlaps with", "wa:overlaptMet", "iri", width=14),
        c("schema", "In schema", "In scheme", "skos:inScheme", "iri", width=20),
        c("top", "Topbegrip van", "Top concept of", "skos:topConceptOf", "iri", width=20),
        c("werkagenda", "Werkagenda", "Work agenda", "wa:werkagenda", "iri", width=20),
    ), mint="goal"),
    Sheet("streefwaarden", "Streefwaarden", "Targets", ("wa:Streefwaarde",), (
        _parent("wa:streefwaarde", "Doel", "Goal"),
        c("indicator", "Indicator", "Indicator", "wa:indicator", "nl", width=40),
        c("vergelijking", "Vergelijking", "Comparison", "wa:vergelijking", width=10),
        c("waarde", "Waarde", "Value", "wa:waarde", "typed", datatype="xsd:integer", width=8),
        SOURCE_TEXT,
    ), blank=True),
    Sheet("inspanningen", "Inspanningen", "Initiatives", ("wa:Inspanning",), (
        THEME,
        c("code", "Code", "Code", "wa:code", required=True, width=9),
        c("title", "Titel", "Title", "dct:title", "nl", required=True, width=32),
        c("t_insp", "Inspanning", "Initiative (as printed)", "wa:inspanningTekst", width=50),
        c("t_init", "Initiatiefnemer", "Initiator (as printed)", "wa:initiatiefnemerTekst",
          width=30),
        c("t_betr", "Betrokken partijen", "Parties involved (as printed)",
          "wa:betrokkenPartijenTekst", width=36),
        c("t_midd", "Middelen", "Means (as printed)", "wa:middelenTekst", width=36),
        c("t_plan", "Globale planning", "Planning (as printed)", "wa:planningTekst", width=36),
        c("t_rv", "Randvoorwaarden", "Preconditions (as printed)", "wa:randvoorwaardenTekst",
          width=36),
        c("t_schaal", "Schaal/focus", "Scale/focus (as printed)", "wa:schaalTekst", width=30),
        c("letters", "Doelletters", "Goal letters", "wa:letterlijstTekst", width=10),
        c("nummer", "Nummer", "Number", "wa:nummer", required=True, width=8),
        c("gedrukt", "Nummer gedrukt", "Number printed", "wa:nummerGedrukt", "bool", width=9),
        c("alt", "Andere titels", "Other titles", "skos:altLabel", "nl", width=24),
        c("hidden", "Zoeknamen", "Search names", "skos:hiddenLabel", "nl", width=14),
        c("desc", "Beschrijving", "Description", "dct:description", "nl", width=50),
        c("init", "Initiatiefnemers", "Initiators", "wa:initiatiefnemer", "actor", width=26),
        c("betr", "Betrokken organisaties", "Organisations involved", "wa:betrokkenPartij", "actor",
          width=30),
        c("pen", "Penvoerder", "Lead applicant", "wa:penvoerder", "actor"),
        c("opdr", "Opdrachtnemer", "Contractor", "wa:opdrachtnemer", "actor"),
        c("doelen", "Dient doelen", "Serves goals", "wa:dientDoel", "iri", width=16),
        c("aanvraag", "Aanvragen", "Applications", "wa:aanvraag", "iri", width=16),
        c("gerel", "Gerelateerd initiatief", "Related initiative", "wa:gerelateerdInitiatief",
          "iri", width=24),
        c("afst", "Afstemming met", "Coordination with", "wa:afstemmingMet", "iri", width=24),
        c("overlap", "Overlap met opgave", "Overlap with theme", "wa:overlapMetOpgave", "iri"),
        c("relatie", "Relatie", "Relation", "dct:relation", "iri"),
        c("voetnoot", "Voetnoten", "Footnotes", "wa:voetnootTekst", width=40),
    ), mint="inspanning"),
    Sheet("rollen", "Rollen", "Roles", ("prov:Association",), (
        _parent("prov:qualifiedAssociation"),
        c("agent", "Organisatie", "Organisation", "prov:agent", "actor", required=True, width=26),
        _code("rol", "Rol", "Role", "prov:hadRole", "rol"),
        c("namens", "Namens", "On behalf of", "wa:namens", "actor", width=26),
        SOURCE_TEXT,
    ), blank=True),
    Sheet("financiering", "Financiering", "Funding", ("wa:Financiering",), (
        _parent("wa:financiering"),
        _code("bron_f", "Financieringsbron", "Funding source", "wa:financieringsbron", "bron",
              required=True, width=24),
        _code("status", "Status", "Status", "wa:financieringsstatus", "fstatus", required=True,
              width=20),
        _code("zeker", "Zekerheid", "Certainty", "wa:zekerheid", "zekerheid", required=True,
              width=12),
        c("financier", "Financier", "Funder", "wa:financier", "actor"),
        c("via", "Via", "Via", "wa:via", "actor"),
        c("aanvraag", "Aanvraag", "Application", "wa:aanvraag", "iri", width=16),
        SOURCE_TEXT,
    ), mint="numbered"),
    Sheet("aanvragen", "Aanvragen", "Applications",
          ("wa:Transformatieplan", "wa:SnelleToets", "wa:IZAAanvraag"), (
        c("label", "Naam", "Name", "rdfs:label", "nl", required=True, width=40),
        _code("status", "Aanvraagstatus", "Application status", "wa:aanvraagStatus", "astatus",
              required=True, width=20),
        c("deadline", "Deadline", "Deadline", "wa:deadline", width=10),
        SOURCE_TEXT,
    )),
    Sheet("planning", "Planning", "Planning", ("wa:Mijlpaal",), (
        _parent("wa:planning"),
        c("desc", "Mijlpaal", "Milestone", "dct:description", "nl", required=True, width=40),
        _code("soort", "Soort", "Kind", "wa:mijlpaalSoort", "mpsoort", required=True, width=16),
        _code("tijd", "Periode", "Period", "time:hasTime", "tijd", width=10),
        _code("kwartaal", "Kwartalen", "Quarters", "wa:kwartaal", "tijd", width=10),
        c("aangenomen", "Jaar aangenomen", "Year assumed", "wa:jaarAangenomen", "bool", width=9),
        SOURCE_TEXT,
    ), mint="numbered"),
    Sheet("randvoorwaarden", "Randvoorwaarden", "Preconditions", ("wa:Randvoorwaarde",), (
        _parent("wa:randvoorwaarde"),
        c("desc", "Randvoorwaarde", "Precondition", "dct:description", "nl", required=True,
          width=40),
        _code("soort", "Soort", "Kind", "wa:randvoorwaardeSoort", "rvsoort", required=True,
              width=20),
        c("vereist", "Vereist", "Requires", "dct:requires", "iri", width=20),
        SOURCE_TEXT,
    ), mint="numbered"),
    Sheet("schaal", "Schaal en focus", "Scale and focus", ("wa:SchaalFocus",), (
        _parent("wa:schaal"),
        _code("gebied", "Gebied", "Area", "dct:spatial", "plaats", width=18),
        _code("doelgroep", "Doelgroep", "Audience", "dct:audience", "doelgroep", width=18),
        _code("niveau", "Schaalniveau", "Scale level", "wa:schaalniveau", "niveau", width=14),
        SOURCE_TEXT,
    ), mint="single"),
    Sheet("doelverwijzingen", "Doelverwijzingen", "Goal references", ("wa:DoelVerwijzing",), (
        _parent("wa:doelVerwijzing", "Hoort bij", "Belongs to"),
        THEME,
        c("letter", "Letter", "Letter", "wa:letter", required=True, width=7),
        c("positie", "Positie", "Position", "wa:positie", "typed", datatype="xsd:integer",
          required=True, width=8),
        c("doel", "Verwijst naar", "Refers to", "wa:verwijstNaar", "iri", width=14),
        c("kandidaat", "Kandidaten", "Candidates", "wa:kandidaat", "iri", width=14),
        _code("oplossing", "Oplossing", "Resolution", "wa:oplossing", "oplossing", width=16),
    ), mint="position"),
    Sheet("organisaties", "Organisaties", "Organisations", (
        "wa:Organisatie", "wa:Collectief", "wa:GezondeMarkeOrgaan", "wa:Samenwerkingsverband",
        "wa:Functionaris"), (
        c("naam", "Naam", "Name", "skos:prefLabel", "nl", required=True, width=32),
        c("alt", "Naamvarianten", "Name variants", "skos:altLabel", "nl", width=32),
        _code("osoort", "Organisatiesoort", "Organisation kind", "wa:organisatieSoort", "osoort",
              required=True, width=18),
        c("desc", "Beschrijving", "Description", "dct:description", "nl", width=30),
        c("desc_en", "Beschrijving (en)", "Description (en)", "dct:description", "en", width=30),
        c("onder", "Onderdeel van", "Part of", "org:subOrganizationOf", "actor", width=24),
        c("leden", "Leden", "Members", "org:hasMember", "actor", width=24),
        c("fleden", "Bestaat uit", "Consists of", "foaf:member", "actor", width=24),
        _code("gebied", "Gebied", "Area", "dct:spatial", "plaats", width=16),
        c("relatie", "Relatie", "Relation", "dct:relation", "iri"),
    ), mint="actor", file="organisations.ttl"),
    Sheet("identificaties", "Identificaties", "Identifiers", ("adms:Identifier",), (
        _parent("wa:identificatie", "Organisatie", "Organisation"),
        c("code", "Code", "Code", "skos:notation", required=True, width=12),
        c("uitgever", "Uitgever", "Agency", "adms:schemaAgency", width=20),
        _code("afleiding", "Afleiding", "Derivation", "wa:afleiding", "afleiding", width=16),
        c("iri", "IRI", "IRI", "wa:identificatieIri", "iri", width=30),
    ), blank=True, file="organisations.ttl"),
    Sheet("initiatieven", "Gerelateerde initiatieven", "Related initiatives",
          ("wa:BestaandInitiatief", "wa:SnelleToetsAanvraag"), (
        c("naam", "Naam", "Name", "skos:prefLabel", "nl", required=True, width=32),
        c("alt", "Naamvarianten", "Name variants", "skos:altLabel", "nl", width=32),
        c("desc", "Beschrijving", "Description", "dct:description", "nl", width=50),
        c("met", "Uitgevoerd met", "Associated with", "prov:wasAssociatedWith", "actor"),
        c("pagina", "Webpagina", "Web page", "foaf:page", "iri", width=24),
        c("relatie", "Relatie", "Relation", "dct:relation", "iri"),
    ), mint="initiative", file="initiatives.ttl"),
    Sheet("vermeldingen", "Vermeldingen", "Listings", ("wa:Vermelding",), (
        THEME,
        _code("lijst", "Lijst", "List", "wa:lijst", "lijst", required=True, width=20),
        c("vermeldt", "Vermeldt", "Lists", "wa:vermeldt", "iri", width=24),
        c("nummer", "Nummer", "Number", "wa:nummer", width=8),
        c("gedrukt", "Nummer gedrukt", "Number printed", "wa:nummerGedrukt", "bool", width=9),
        c("title", "Titel", "Title", "dct:title", "nl", width=32),
        c("letters", "Doelletters", "Goal letters", "wa:letterlijstTekst", width=10),
        c("doelen", "Dient doelen", "Serves goals", "wa:dientDoel", "iri", width=16),
        c("aanvraag", "Aanvraag", "Application", "wa:aanvraag", "iri", width=16),
        SOURCE_TEXT,
    ), mint="listing"),
    Sheet("aandachtspunten", "Aandachtspunten", "Points of attention", ("wa:Aandachtspunt",), (
        c("notatie", "Nummer", "Number", "skos:notation", width=8),
        c("pref_nl", "Naam", "Name (nl)", "skos:prefLabel", "nl", required=True, width=32),
        c("pref_en", "Naam (en)", "Name (en)", "skos:prefLabel", "en", width=32),
        c("alt", "Andere namen", "Other names", "skos:altLabel", "nl", width=24),
        c("desc", "Beschrijving", "Description", "dct:description", "nl", width=50),
        c("letters", "Doelletters", "Goal letters", "wa:letterlijstTekst", width=16),
        c("raakt", "Raakt doelen", "Touches goals", "wa:raaktDoel", "iri", width=16),
        c("relatie", "Relatie", "Relation", "dct:relation", "iri"),
        c("schema", "In schema", "In scheme", "skos:inScheme", "iri", width=20),
        c("top", "Topbegrip van", "Top concept of", "skos:topConceptOf", "iri", width=20),
        c("werkagenda", "Werkagenda", "Work agenda", "wa:werkagenda", "iri", width=20),
    ), file="aandachtspunten.ttl"),
    Sheet("kwaliteit", "Kwaliteitsnotities", "Data-quality notes", ("wa:Kwaliteitsnotitie",), (
        _code("soort", "Soort", "Kind", "wa:notitieSoort", "nsoort", required=True, width=20),
        c("betreft", "Betreft", "Concerns", "wa:betreft", "iri", required=True, width=20),
        c("desc_nl", "Beschrijving", "Description (nl)", "dct:description", "nl", required=True,
          width=60),
        c("desc_en", "Beschrijving (en)", "Description (en)", "dct:description", "en",
          required=True, width=60),
    )),
)

# fmt: on

# Every triple no column can carry: one row per triple, the object spelled out.
OTHER = ("overig", "Overig", "Other")
OTHER_COLUMNS = (
    Column("id", "Onderwerp", "Subject", None, "id", required=True, width=30),
    Column("pred", "Eigenschap", "Property", None, "iri", required=True, width=24),
    Column("value", "Waarde", "Value", None, "str", width=60),
    Column("vkind", "Soort waarde", "Value kind", None, "str", required=True, width=12),
    Column("lang", "Taal of datatype", "Language or datatype", None, "str", width=16),
    _TAIL[-2],
    _TAIL[-1],
)
VALUE_KINDS = ("iri", "blank", "literal")

LISTS = ("lijsten", "Lijsten", "Lists")
PREFIXES = ("prefixen", "Prefixen", "Prefixes")
META = ("werkmap", "Werkmap", "Workbook")

BOOLEANS = {"nl": ("ja", "nee"), "en": ("yes", "no")}
