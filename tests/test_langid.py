"""Language ID tuned for European languages: label mapping, spelling evidence, thresholds, paragraphs."""

from __future__ import annotations

import json

import duckdb
import pytest

from filters.langid import LanguageIdStage, lid176_path, load_fasttext_model
from filters.langid_labels import expand_label, normalise_label
from filters.langid_paragraphs import paragraph_spans
from pipeline.config import ConfigError, LangIdConfig
from pipeline.parquet_io import write_table_atomic
from pipeline.schema import DOCUMENT_SCHEMA, rows_to_table
from pipeline.stages import Keep, Reject

# Written for this project: a few sentences of everyday prose in each of the 24 EU official languages.
EU_PARAGRAPHS = {
    "bg": "Вчера следобед отидохме до пазара, за да купим зеленчуци за вечерята. Продавачката ни каза, че "
          "доматите тази година са по-сладки от всякога. Върнахме се у дома с пълни торби и добро настроение.",
    "cs": "Včera odpoledne jsme šli na trh koupit zeleninu k večeři. Prodavačka nám řekla, že rajčata jsou letos "
          "sladší než kdykoli předtím. Vrátili jsme se domů s plnými taškami a v dobré náladě.",
    "da": "I går eftermiddags gik vi på markedet for at købe grøntsager til aftensmaden. Sælgeren fortalte os, at "
          "tomaterne i år er sødere end nogensinde. Vi kom hjem med fyldte poser og i godt humør.",
    "de": "Gestern Nachmittag sind wir auf den Markt gegangen, um Gemüse für das Abendessen zu kaufen. Die "
          "Verkäuferin erzählte uns, dass die Tomaten dieses Jahr süßer seien als je zuvor. Wir kamen mit vollen "
          "Taschen und guter Laune nach Hause.",
    "el": "Χθες το απόγευμα πήγαμε στη λαϊκή αγορά για να αγοράσουμε λαχανικά για το δείπνο. Η πωλήτρια μας "
          "είπε ότι οι ντομάτες φέτος είναι πιο γλυκές από ποτέ. Γυρίσαμε σπίτι με γεμάτες σακούλες και καλή διάθεση.",
    "en": "Yesterday afternoon we went to the market to buy vegetables for dinner. The stallholder told us that "
          "the tomatoes this year are sweeter than ever. We came home with full bags and in a good mood.",
    "es": "Ayer por la tarde fuimos al mercado a comprar verduras para la cena. La vendedora nos dijo que los "
          "tomates este año están más dulces que nunca. Volvimos a casa con las bolsas llenas y de buen humor.",
    "et": "Eile pärastlõunal läksime turule, et osta õhtusöögiks köögivilju. Müüja ütles meile, et tomatid on "
          "sel aastal magusamad kui kunagi varem. Tulime koju täis kottide ja hea tujuga.",
    "fi": "Eilen iltapäivällä menimme torille ostamaan vihanneksia illalliseksi. Myyjä kertoi meille, että "
          "tomaatit ovat tänä vuonna makeampia kuin koskaan. Tulimme kotiin täysien kassien ja hyvän mielen kanssa.",
    "fr": "Hier après-midi, nous sommes allés au marché pour acheter des légumes pour le dîner. La vendeuse nous "
          "a dit que les tomates étaient plus sucrées que jamais cette année. Nous sommes rentrés avec des sacs "
          "pleins et de bonne humeur.",
    "ga": "Inné tráthnóna chuamar go dtí an margadh chun glasraí a cheannach don dinnéar. Dúirt an díoltóir "
          "linn go bhfuil na trátaí níos milse i mbliana ná riamh. Tháinig muid abhaile le málaí lána agus "
          "bhíomar an-sásta.",
    "hr": "Jučer poslijepodne otišli smo na tržnicu kupiti povrće za večeru. Prodavačica nam je rekla da su "
          "rajčice ove godine slađe nego ikada prije. Vratili smo se kući s punim vrećicama i u dobrom "
          "raspoloženju.",
    "hu": "Tegnap délután kimentünk a piacra, hogy zöldséget vegyünk a vacsorához. Az eladó azt mondta, hogy a "
          "paradicsom idén édesebb, mint valaha. Tele szatyrokkal és jókedvűen értünk haza.",
    "it": "Ieri pomeriggio siamo andati al mercato a comprare la verdura per la cena. La venditrice ci ha detto "
          "che quest'anno i pomodori sono più dolci che mai. Siamo tornati a casa con le borse piene e di buon "
          "umore.",
    "lt": "Vakar po pietų nuėjome į turgų nusipirkti daržovių vakarienei. Pardavėja mums pasakė, kad šiemet "
          "pomidorai saldesni nei bet kada anksčiau. Grįžome namo su pilnais krepšiais ir gera nuotaika.",
    "lv": "Vakar pēcpusdienā mēs aizgājām uz tirgu nopirkt dārzeņus vakariņām. Pārdevēja mums teica, ka šogad "
          "tomāti ir saldāki nekā jebkad agrāk. Mēs atgriezāmies mājās ar pilnām somām un labā noskaņojumā.",
    "mt": "Il-bieraħ wara nofsinhar morna s-suq biex nixtru l-ħaxix għall-ikla ta' filgħaxija. Il-bejjiegħa "
          "qaltilna li t-tadam din is-sena huwa aktar ħelu minn qatt qabel. Irritornajna d-dar bil-boroż mimlija "
          "u b'burdata tajba.",
    "nl": "Gistermiddag zijn we naar de markt gegaan om groenten voor het avondeten te kopen. De verkoopster "
          "vertelde ons dat de tomaten dit jaar zoeter zijn dan ooit. We kwamen thuis met volle tassen en in een "
          "goed humeur.",
    "pl": "Wczoraj po południu poszliśmy na targ, żeby kupić warzywa na kolację. Sprzedawczyni powiedziała nam, "
          "że pomidory są w tym roku słodsze niż kiedykolwiek. Wróciliśmy do domu z pełnymi torbami i w dobrym "
          "nastroju.",
    "pt": "Ontem à tarde fomos ao mercado comprar legumes para o jantar. A vendedora disse-nos que os tomates "
          "este ano estão mais doces do que nunca. Voltámos para casa com os sacos cheios e bem-dispostos.",
    "ro": "Ieri după-amiază am mers la piață să cumpărăm legume pentru cină. Vânzătoarea ne-a spus că roșiile "
          "sunt anul acesta mai dulci ca niciodată. Ne-am întors acasă cu sacoșele pline și bine dispuși.",
    "sk": "Včera popoludní sme išli na trh kúpiť zeleninu na večeru. Predavačka nám povedala, že paradajky sú "
          "tento rok sladšie než kedykoľvek predtým. Vrátili sme sa domov s plnými taškami a v dobrej nálade.",
    "sl": "Včeraj popoldne smo šli na tržnico po zelenjavo za večerjo. Prodajalka nam je povedala, da so "
          "paradižniki letos slajši kot kdaj koli prej. Domov smo se vrnili s polnimi vrečkami in dobre volje.",
    "sv": "I går eftermiddag gick vi till torget för att köpa grönsaker till middagen. Försäljaren berättade att "
          "tomaterna i år är sötare än någonsin. Vi kom hem med fulla kassar och på gott humör.",
}


@pytest.fixture(scope="module")
def stage() -> LanguageIdStage:
    return LanguageIdStage(LangIdConfig())


def _label(stage: LanguageIdStage, text: str) -> dict:
    doc = {"text": text}
    stage.process(doc)
    return doc


def test_model_labels_are_mapped_explicitly():
    assert normalise_label("__label__no") == "nb"
    assert normalise_label("__label__sh") == "hbs"
    assert expand_label("__label__sh") == ("hr", "bs", "sr")
    assert normalise_label("hrv_Latn") == "hr" and normalise_label("nob_Latn") == "nb"
    assert normalise_label("__label__ga") == "ga"


def test_paragraphs_in_all_24_eu_languages_are_identified(stage):
    assert len(EU_PARAGRAPHS) == 24
    wrong = {lang: _label(stage, text)["language"] for lang, text in EU_PARAGRAPHS.items()
             if _label(stage, text)["language"] != lang}
    accuracy = 1 - len(wrong) / len(EU_PARAGRAPHS)
    assert accuracy >= 0.995, wrong


@pytest.mark.parametrize(("text", "lang"), [
    # Slovak ä ô ľ against Czech ř ě ů, and their function words
    ("Môj starý otec býval v malom dome pri rieke a každé ráno chodil do lesa.", "sk"),
    ("Můj dědeček bydlel v malém domě u řeky a každé ráno chodil do lesa.", "cs"),
    # ijekavian Croatian, ekavian Latin Serbian, Cyrillic Serbian
    ("Prije tjedan dana u Zagrebu je bilo lijepo vrijeme i djeca su se igrala u parku.", "hr"),
    ("Pre nedelju dana u Beogradu je bilo lepo vreme i deca su se igrala u parku.", "sr"),
    ("Пре недељу дана у Београду је било лепо време и деца су се играла у парку.", "sr"),
    # Danish against Bokmål spelling
    ("Vi har købt en ny bog om hvad der skete efter krigen, og den er meget spændende.", "da"),
    ("Vi har kjøpt en ny bok om hva som skjedde etter krigen, og den er veldig spennende.", "nb"),
])
def test_close_neighbours_are_told_apart(stage, text, lang):
    assert _label(stage, text)["language"] == lang


def test_script_and_top_languages_are_stored(stage):
    doc = _label(stage, "Пре недељу дана у Београду је било лепо време и деца су се играла у парку.")
    assert doc["language_script"] == "Cyrl"
    assert len(doc["language_top"]) == 3 and doc["language_top"][0]["lang"] == doc["language"]
    assert doc["language_top"][0]["score"] >= doc["language_top"][1]["score"]


def test_mixed_document_keeps_paragraph_labels_and_shares(stage):
    text = "\n".join([EU_PARAGRAPHS["de"], EU_PARAGRAPHS["fr"], EU_PARAGRAPHS["de"]])
    doc = _label(stage, text)
    assert [p["lang"] for p in doc["language_paragraphs"]] == ["de", "fr", "de"]
    assert doc["language_paragraphs"][1]["start"] == len(EU_PARAGRAPHS["de"]) + 1
    shares = {s["lang"]: s["share"] for s in doc["language_shares"]}
    assert set(shares) == {"de", "fr"} and shares["de"] > shares["fr"] and abs(sum(shares.values()) - 1) < 1e-3


def test_short_lines_join_the_next_paragraph():
    text = "Title\n\nA first paragraph that is long enough to be labelled on its own.\nEnd"
    assert paragraph_spans(text) == [(0, len(text))]


def test_per_language_threshold_rejects_or_routes_to_und(tmp_path):
    (tmp_path / "hr.yaml").write_text("langid:\n  threshold: 0.999\nquality:\n  min_words: 10\n")
    text = EU_PARAGRAPHS["hr"]
    strict = LanguageIdStage(LangIdConfig(languages_dir=str(tmp_path)))
    outcome = strict.process({"text": text})
    assert isinstance(outcome, Reject) and outcome.reason == "low_language_confidence"
    assert outcome.detail.startswith("hr:") and "rajčice" not in outcome.detail
    routed = LanguageIdStage(LangIdConfig(languages_dir=str(tmp_path), low_confidence="und"))
    doc = {"text": text}
    assert routed.process(doc) == Keep()
    assert doc["language"] == "und" and doc["language_top"][0]["lang"] == "hr"
    # a language without its own file falls back to min_score
    assert strict.process({"text": EU_PARAGRAPHS["de"]}) == Keep()


def test_bundled_thresholds_cover_eu_and_regional_languages(stage):
    for lang in [*EU_PARAGRAPHS, "ca", "eu", "gl", "lb", "cy", "bs", "sr", "nb", "nn"]:
        assert 0.0 < stage.threshold(lang) <= 1.0, lang
    assert stage.threshold("hr") < stage.cfg.min_score  # close neighbours share the probability


def test_bad_threshold_file_names_the_key(tmp_path):
    (tmp_path / "sk.yaml").write_text("langid:\n  threshold: high\n")
    with pytest.raises(ConfigError, match="langid.threshold"):
        LanguageIdStage(LangIdConfig(languages_dir=str(tmp_path)))


def test_heliport_is_optional():
    try:
        import heliport  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="heliport is not installed"):
            LanguageIdStage(LangIdConfig(second_opinion="heliport"))
    else:
        pytest.skip("heliport is installed")


def test_paragraph_columns_read_back_in_duckdb(stage, tmp_path):
    doc = _label(stage, "\n".join([EU_PARAGRAPHS["sl"], EU_PARAGRAPHS["hu"]]))
    doc["id"] = "d1"
    path = tmp_path / "docs.parquet"
    write_table_atomic(rows_to_table([doc], DOCUMENT_SCHEMA), path)
    rows = duckdb.sql(f"select unnest(language_shares) as s from read_parquet('{path}')").fetchall()
    assert sorted(r[0]["lang"] for r in rows) == ["hu", "sl"]


def test_better_than_stock_on_the_eval_sentences(shared_eval, stage):
    rows = [json.loads(line) for line in (shared_eval / "langid" / "sentences.jsonl").read_text().splitlines()]
    rows = [r for r in rows if r["lang"] in ("hr", "sk", "sl", "ga", "da")]
    stock = load_fasttext_model(str(lid176_path()))
    ours_right = sum(_label(stage, r["text"])["language"] == r["lang"] for r in rows)
    stock_right = sum(normalise_label(stock.predict(" ".join(r["text"].split()), k=1)[0][0]) == r["lang"]
                      for r in rows)
    assert ours_right > stock_right + 0.05 * len(rows)
