"""The register's words: labels and plain-language sentences that every surface shares.

The public card (``register.templatetags.card_tags``), the portal, the PDF reports and the
exports read their labels from here, so that one value is called the same everywhere and is
translated once. Stored values are keys; the words are ``gettext_lazy`` strings (msgids stay
stable, so existing translations apply) or, for the Annex III points, ``{kk, ru, en}`` dicts read
with ``register.i18n.pick``.

This module imports no model at the top: ``compliance.classification``, a pure function, takes
the Annex III labels from here and stays importable without Django's app registry. The choice
classes (``CHOICES``) load on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db import models

Translations = Mapping[str, str]

# Annex III points, as the noun phrase that follows "area of use:". The classification's rationale
# quotes them: changing what one says is a change of the classification logic (bump
# ``compliance.classification.CLASSIFICATION_VERSION`` with it).
ANNEX_III_USES: Final[Mapping[str, Translations]] = {
    "1a": {
        "kk": "адамдарды қашықтан биометриялық сәйкестендіру (адамның өзі айтқан тұлға екенін "
        "жай ғана тексеру емес)",
        "ru": "дистанционная биометрическая идентификация людей (а не простая проверка того, что "
        "человек — тот, за кого себя выдаёт)",
        "en": "remote biometric identification of people (not simply checking that a person is "
        "who they claim to be)",
    },
    "1b": {
        "kk": "биометриялық деректер арқылы адамдарды сезімтал немесе қорғалатын белгілері бойынша "
        "санаттарға бөлу",
        "ru": "распределение людей по категориям на основе чувствительных или защищённых признаков "
        "с помощью биометрических данных",
        "en": "sorting people into categories by sensitive or protected characteristics using "
        "biometric data",
    },
    "1c": {
        "kk": "эмоцияларды тану",
        "ru": "распознавание эмоций",
        "en": "emotion recognition",
    },
    "2": {
        "kk": "аса маңызды инфрақұрылымды басқарудағы қауіпсіздік құрамдас бөлігі (цифрлық "
        "инфрақұрылым, жол қозғалысы, сумен, газбен, жылумен немесе электр энергиясымен "
        "жабдықтау)",
        "ru": "компонент безопасности в управлении критической инфраструктурой (цифровой "
        "инфраструктурой, дорожным движением, снабжением водой, газом, теплом или "
        "электроэнергией)",
        "en": "a safety component in running critical infrastructure (digital infrastructure, "
        "road traffic, or the supply of water, gas, heating or electricity)",
    },
    "3a": {
        "kk": "білім беру ұйымдарына қолжеткізу, қабылдау немесе бөлу туралы шешімдер",
        "ru": "решения о доступе, приёме или распределении в учебные заведения",
        "en": "deciding on access, admission or assignment to educational institutions",
    },
    "3b": {
        "kk": "оқу нәтижелерін бағалау",
        "ru": "оценка результатов обучения",
        "en": "evaluating learning outcomes",
    },
    "3c": {
        "kk": "адамның қандай деңгейде білім алатынын бағалау",
        "ru": "оценка уровня образования, который получит человек",
        "en": "assessing the level of education a person will receive",
    },
    "3d": {
        "kk": "емтихан кезінде білім алушылардың тыйым салынған әрекеттерін бақылау және анықтау",
        "ru": "наблюдение за запрещённым поведением учащихся во время экзаменов и его выявление",
        "en": "monitoring and detecting prohibited behaviour of students during tests",
    },
    "4a": {
        "kk": "қызметкерлерді іріктеу және жалдау (бос жұмыс орындары туралы бағытталған "
        "хабарландырулар, өтінімдерді сұрыптау, үміткерлерді бағалау)",
        "ru": "подбор и отбор персонала (адресная реклама вакансий, фильтрация заявок, оценка "
        "кандидатов)",
        "en": "recruitment and selection (targeted job adverts, filtering applications, "
        "evaluating candidates)",
    },
    "4b": {
        "kk": "еңбек жағдайлары, қызметте жоғарылату, жұмыстан шығару туралы шешімдер, жеке "
        "мінез-құлқына немесе жеке қасиеттеріне қарай тапсырмаларды бөлу, сондай-ақ "
        "қызметкерлердің жұмысын бақылау және бағалау",
        "ru": "решения об условиях труда, повышении или увольнении, распределение задач на "
        "основе индивидуального поведения или личных качеств, а также наблюдение за работой "
        "сотрудников и её оценка",
        "en": "decisions on working conditions, promotion or dismissal, allocating tasks based "
        "on individual behaviour or personal traits, and monitoring or evaluating workers' "
        "performance",
    },
    "5a": {
        "kk": "адамдардың негізгі мемлекеттік жәрдемақылар мен қызметтерді, оның ішінде "
        "медициналық көмекті алу құқығын бағалау, сондай-ақ оларды беру, азайту, тоқтату "
        "немесе қайтарып алу",
        "ru": "оценка права людей на основные государственные пособия и услуги, включая "
        "медицинскую помощь, а также их предоставление, сокращение, отмена или возврат",
        "en": "evaluating whether people are eligible for essential public benefits and services, "
        "including healthcare, and granting, reducing, revoking or reclaiming them",
    },
    "5b": {
        "kk": "несиеге қабілеттілікті бағалау немесе кредиттік скоринг (алаяқтықты анықтауды "
        "қоспағанда)",
        "ru": "оценка кредитоспособности или кредитный скоринг (кроме выявления мошенничества)",
        "en": "assessing creditworthiness or credit scoring (except fraud detection)",
    },
    "5c": {
        "kk": "өмірді және денсаулықты сақтандырудағы тәуекелді бағалау және баға белгілеу",
        "ru": "оценка рисков и ценообразование в страховании жизни и здоровья",
        "en": "risk assessment and pricing in life and health insurance",
    },
    "5d": {
        "kk": "шұғыл қоңырауларды бағалау және жіктеу, шұғыл қызметтерді жіберу немесе шұғыл "
        "медициналық көмекте пациенттерді сұрыптау",
        "ru": "оценка и классификация экстренных вызовов, направление экстренных служб или "
        "сортировка пациентов при неотложной медицинской помощи",
        "en": "evaluating and classifying emergency calls, dispatching emergency services, or "
        "triage of patients in emergency healthcare",
    },
    "6a": {
        "kk": "адамның қылмыс құрбаны болу тәуекелін бағалау",
        "ru": "оценка риска того, что человек станет жертвой преступления",
        "en": "assessing the risk of a person becoming a victim of crime",
    },
    "6b": {
        "kk": "құқық қорғау қызметіндегі полиграфтар және соған ұқсас құралдар",
        "ru": "полиграфы и подобные инструменты в правоохранительной деятельности",
        "en": "polygraphs and similar tools in law enforcement",
    },
    "6c": {
        "kk": "дәлелдемелердің анықтығын бағалау",
        "ru": "оценка достоверности доказательств",
        "en": "evaluating the reliability of evidence",
    },
    "6d": {
        "kk": "адамның қылмыс немесе қайталама қылмыс жасау тәуекелін тек профильдеу негізінде "
        "емес бағалау не оның тұлғалық қасиеттерін немесе бұрынғы қылмыстық мінез-құлқын бағалау",
        "ru": "оценка риска совершения человеком преступления или повторного преступления не "
        "только на основе профилирования либо оценка черт личности или прошлого преступного "
        "поведения",
        "en": "assessing the risk of a person offending or re-offending not solely on the basis "
        "of profiling, or assessing personality traits or past criminal behaviour",
    },
    "6e": {
        "kk": "қылмыстарды анықтау, тергеу немесе қылмыстық қудалау кезінде адамдарды профильдеу",
        "ru": "профилирование людей при выявлении, расследовании или уголовном преследовании "
        "преступлений",
        "en": "profiling people when detecting, investigating or prosecuting crime",
    },
    "7a": {
        "kk": "көші-қон, баспана беру және шекаралық бақылау саласындағы полиграфтар және соған "
        "ұқсас құралдар",
        "ru": "полиграфы и подобные инструменты в сфере миграции, убежища и пограничного контроля",
        "en": "polygraphs and similar tools in migration, asylum and border control",
    },
    "7b": {
        "kk": "елге кіретін адамға байланысты қауіпсіздік, заңсыз көші-қон немесе денсаулық "
        "тәуекелін бағалау",
        "ru": "оценка рисков безопасности, незаконной миграции или здоровья, связанных с "
        "въезжающим человеком",
        "en": "assessing the security, irregular migration or health risk of a person entering "
        "the country",
    },
    "7c": {
        "kk": "баспана, виза және тұруға ықтиярхат беру туралы өтініштерді және оларға қатысты "
        "шағымдарды қарау",
        "ru": "рассмотрение заявлений о предоставлении убежища, виз и видов на жительство, а также "
        "связанных с ними жалоб",
        "en": "examining applications for asylum, visas and residence permits, and related "
        "complaints",
    },
    "7d": {
        "kk": "көші-қон және шекаралық бақылау саласында адамдарды анықтау, тану немесе "
        "сәйкестендіру (жол жүру құжаттарын тексеруді қоспағанда)",
        "ru": "обнаружение, распознавание или идентификация людей в сфере миграции и пограничного "
        "контроля (кроме проверки проездных документов)",
        "en": "detecting, recognising or identifying people in migration and border control "
        "(except checking travel documents)",
    },
    "8a": {
        "kk": "сотқа немесе дауларды шешетін органға фактілер мен құқық нормаларын зерттеуге, "
        "түсіндіруге және заңды қолдануға көмектесу",
        "ru": "помощь суду или органу по разрешению споров в исследовании и толковании фактов и "
        "норм права и в применении закона",
        "en": "helping a court or a dispute resolution body to research and interpret facts and "
        "law and to apply the law",
    },
    "8b": {
        "kk": "сайлаудың немесе референдумның нәтижесіне не адамдардың дауыс беру мінез-құлқына "
        "ықпал ету (адамдар нәтижесін тікелей көрмейтін құралдарды, мысалы, сайлау науқанының "
        "логистикасын қоспағанда)",
        "ru": "влияние на исход выборов или референдума либо на электоральное поведение людей "
        "(кроме инструментов, результатам которых люди напрямую не подвергаются, например "
        "логистики избирательных кампаний)",
        "en": "influencing the outcome of an election or referendum, or people's voting "
        "behaviour (not tools whose output people are not directly exposed to, such as campaign "
        "logistics)",
    },
}

# "(not yet translated; shown in …)": one whole sentence per language, so that translators can
# inflect the language name as their grammar needs.
# The eight areas of Annex III, which its points ("5a") belong to by their number.
ANNEX_III_AREAS: Final[Mapping[str, Any]] = {
    "1": _("Biometrics"),
    "2": _("Critical infrastructure"),
    "3": _("Education and vocational training"),
    "4": _("Employment, workers' management and access to self-employment"),
    "5": _("Access to essential private services and to public services and benefits"),
    "6": _("Law enforcement"),
    "7": _("Migration, asylum and border control"),
    "8": _("Administration of justice and democratic processes"),
}


def annex_iii_points(area: str) -> tuple[str, ...]:
    """The points of Annex III in ``area`` ("5" -> "5a", "5b", ...)."""
    return tuple(point for point in ANNEX_III_USES if point.rstrip("abcdefgh") == area)


FALLBACK_MARKERS: Final[dict[str, Any]] = {
    "kk": _("(not yet translated; shown in Kazakh)"),
    "ru": _("(not yet translated; shown in Russian)"),
    "en": _("(not yet translated; shown in English)"),
}

# Labels of the card's fields. Where a model field says the same thing, the msgid is the model's
# verbose name, so the existing translations apply; ``field_label`` capitalises it.
FIELD_LABELS: Final[dict[str, Any]] = {
    "scope": _("scope: what it is and is not for"),
    "benefits": _("benefits"),
    "alternatives": _("alternatives considered"),
    "phase": _("lifecycle phase"),
    "application_area": _("application area"),
    "policy_area": _("policy area"),
    "techniques": _("AI techniques"),
    "channels": _("service channels"),
    "usage_frequency": _("how often it is used"),
    "process_integration": _("how it fits into the decision process"),
    "affected_groups": _("who is affected"),
    "affected_per_year": _("people affected per year (estimate)"),
    "act_role": _("role under the AI Act"),
    "legal_position": _("owner or holder"),
    "other_party": _("the other owner or holder"),
    "documentation_ref": _("where the system's documentation is kept"),
    "kz_risk_degree": _("risk degree under Kazakhstan's AI Law"),
    "kz_autonomy": _("autonomy degree under Kazakhstan's AI Law"),
    "owner_role": _("senior responsible owner (role)"),
    "team": _("responsible team"),
    "organisation": _("organisation"),
    "organisation_contact": _("organisation's general contact"),
    "supplier": _("supplier"),
    "oversight_mode": _("oversight mode"),
    "responsible_role": _("role of the person overseeing"),
    "people_count": _("number of people overseeing"),
    "can_override": _("can override or reverse an output"),
    "can_stop": _("can stop the system"),
    "training": _("training of the people overseeing"),
    "automation_bias": _("measures against automation bias"),
    "log_retention_days": _("logs kept for (days)"),
    "monitoring": _("monitoring and incident procedure"),
    "description": _("description"),
    "uses": _("used for"),
    "origin": _("origin and original purpose"),
    "personal_data": _("personal data"),
    "special_categories": _("special categories of personal data"),
    "legal_basis": _("legal basis for processing"),
    "retention": _("retention period"),
    "sharing_agreements": _("data-sharing agreements"),
    "access": _("who has access"),
    "bias_examination": _("representativeness and bias examination"),
    "link": _("link"),
    "state": _("status"),
    "completed_on": _("completed on"),
    "reviewed_on": _("last reviewed on"),
    "assessment_summary": _("summary of findings"),
    "assessment_link": _("link to the assessment"),
    "risk": _("risk"),
    "likelihood": _("likelihood"),
    "severity": _("severity"),
    "mitigation": _("mitigation"),
    "risk_owner": _("risk owner (role)"),
    "model_type": _("model type"),
    "architecture": _("how the system works"),
    "performance": _("performance and accuracy"),
    "source_code_url": _("source code"),
    "instructions_for_use_url": _("provider's instructions for use"),
    "eu_database_ref": _("EU database registration reference"),
    "eu_database_url": _("provider's entry in the EU database"),
    "processing_register_url": _("entry in the personal-data processing register"),
    "next_review_on": _("next review due"),
    "supplier_identifier": _("business identification number (BIN)"),
    "supplier_role": _("what the supplier does"),
    "contract_reference": _("contract reference"),
    "data_access_terms": _("supplier's access to data"),
}

# The six parts of a fundamental-rights impact assessment, AI Act Art 27(1)(a)–(f), in order;
# the msgids are the model's, so they arrive translated.
FRIA_PARTS: Final[tuple[tuple[str, Any], ...]] = (
    ("fria_processes", _("(a) processes in which the system is used")),
    ("fria_period", _("(b) period and frequency of use")),
    ("fria_affected", _("(c) people and groups likely to be affected")),
    ("fria_risks", _("(d) specific risks of harm")),
    ("fria_oversight", _("(e) how human oversight is implemented")),
    ("fria_measures", _("(f) measures if risks materialise, governance and complaints")),
)

# Plain-language sentences for the "At a glance" part, keyed by stored value (the choices'
# values; tests/register/test_vocabulary.py checks that they match).
PLAIN: Final[dict[str, dict[str, Any]]] = {
    "decision_role": {
        "automatic": _(
            "Yes. It makes decisions about people automatically, without a person deciding "
            "each case."
        ),
        "recommends": _(
            "No, a person decides. The system makes a recommendation and a member of staff "
            "takes the decision."
        ),
        "informs": _(
            "No. It only gives information; it does not decide or recommend anything about people."
        ),
    },
    "risk_class": {
        "": _("The organisation has not yet assessed which rules of the AI Act apply."),
        "prohibited": _(
            "The AI Act bans this kind of use. A system in this class must not be used."
        ),
        "high": _(
            "Strict legal safeguards apply: risk management, good-quality data, records of "
            "its use, human oversight, and an impact assessment on people's rights."
        ),
        "limited": _(
            "Few rules apply, but people must be told when they deal with AI or with content "
            "that AI made."
        ),
        "minimal": _(
            "No special AI Act duties apply; the organisation may follow a voluntary code of "
            "conduct. The usual law still protects you."
        ),
        "out_of_scope": _(
            "The organisation has assessed that the AI Act does not apply to this system. The "
            "usual law still protects you."
        ),
    },
    # Kazakhstan's AI Law Art 17(1)-(2), said from the reader's side.
    "kz_risk_degree": {
        "": _("The organisation has not yet assigned the system a risk degree."),
        "minimal": _("If it failed or stopped, the people who use it would hardly be affected."),
        "medium": _(
            "If it failed or stopped, people would lose time or could suffer moral or material "
            "harm."
        ),
        "high": _(
            "If it failed or stopped, it could cause an emergency or serious harm to security, "
            "the economy, infrastructure or people's livelihoods."
        ),
    },
    "kz_autonomy": {
        "": _("Its autonomy degree is not known: the record does not say its role in decisions."),
        "low": _("A person always makes the final choice."),
        "medium": _("The system decides, and a person can correct or cancel its decision."),
        "high": _("The system decides, and no person can correct its decision."),
    },
    # Art 50 duties, said from the reader's side.
    "transparency": {
        "50(1)": _("You should be told that you are dealing with an AI."),
        "50(2)": _("Audio, images, video or text that it creates should be marked as made by AI."),
        "50(3)": _(
            "You should be told if it recognises emotions or sorts people into groups using "
            "biometric data."
        ),
        "50(4)": _(
            "Deep fakes, and AI-written texts published on matters of public interest, should "
            "be labelled as made by AI."
        ),
        "50(5)": _(
            "This information should be given clearly, at the latest when you first use the system."
        ),
    },
}


@functools.cache
def choice_classes() -> dict[str, type[models.TextChoices]]:
    """``CHOICES``: the choice class of each kind of stored value that appears on a card."""
    from register.cards import FindingSeverity, FindingState
    from register.models import (
        ActRole,
        ApplicationArea,
        Channel,
        DataSource,
        DecisionRole,
        HumanOversight,
        ImpactAssessment,
        Jurisdiction,
        KzAutonomy,
        KzRiskDegree,
        LegalPosition,
        Phase,
        PolicyArea,
        Risk,
        RiskClass,
        Technique,
        Withholding,
    )

    # Short names used in templates (``value|choice_label:"phase"``) for the choice classes whose
    # stored values appear on a card.
    return {
        "phase": Phase,
        "application_area": ApplicationArea,
        "policy_area": PolicyArea,
        "technique": Technique,
        "channel": Channel,
        "decision_role": DecisionRole,
        "act_role": ActRole,
        "risk_class": RiskClass,
        "kz_risk_degree": KzRiskDegree,
        "kz_autonomy": KzAutonomy,
        "legal_position": LegalPosition,
        "jurisdiction": Jurisdiction,
        "withholding": Withholding,
        "data_use": DataSource.Use,
        "personal_data": DataSource.PersonalData,
        "special_category": DataSource.SpecialCategory,
        "oversight_mode": HumanOversight.Mode,
        "assessment_kind": ImpactAssessment.Kind,
        "assessment_state": ImpactAssessment.State,
        "risk_level": Risk.Level,
        "finding_severity": FindingSeverity,
        "finding_state": FindingState,
    }


def __getattr__(name: str) -> Any:
    # ``CHOICES`` needs the models, hence Django's app registry: built on first use (PEP 562).
    if name == "CHOICES":
        return choice_classes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def choice_label(kind: str, value: Any) -> str:
    """The label of the stored ``value`` of ``kind`` (a key of ``CHOICES``) in the active
    language; empty for ``None``; a value the class does not know (an old snapshot) as stored.

    Raises ``KeyError`` for an unknown ``kind``.
    """
    choices = choice_classes()[kind]
    if value is None:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def plain_sentence(kind: str, value: Any) -> str:
    """The plain-language sentence of ``PLAIN[kind]`` for a stored value; empty when none."""
    sentence = PLAIN.get(kind, {}).get(value if value is not None else "")
    return str(sentence) if sentence is not None else ""


def field_label(key: str) -> str:
    """The capitalised label of a card field (``KeyError`` for an unknown one)."""
    return capfirst(str(FIELD_LABELS[key]))
