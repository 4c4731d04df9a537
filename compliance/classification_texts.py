"""Plain-language texts of the EU AI Act classification, in Kazakh, Russian and English.

Every entry maps a language code to its text, the three languages side by side, so that a missing
or stale translation is visible at review time (and `tests/compliance/test_classification.py`
fails on it). The texts are written for citizens, not lawyers: each rationale sentence names the
article behind it. Templates use `str.format` placeholders only (`{letter}`, `{practice}`,
`{point}`, `{use}`, `{condition}`, `{letters}`, `{points}`); every language of an entry uses the
same set.

Changing a text that alters what a classification *says* is a change of the classification logic:
bump `compliance.classification.CLASSIFICATION_VERSION` with it. The Annex III point labels are
shared with the public card and live in `register.vocabulary`; the same rule holds for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from register.languages import CONTENT_LANGUAGES
from register.vocabulary import ANNEX_III_USES, Translations

LANGUAGES: Final = CONTENT_LANGUAGES

__all__ = [
    "ANNEX_III_USES",
    "ART6_3_CONDITIONS",
    "LANGUAGES",
    "OBLIGATION_TITLES",
    "PRACTICES",
    "RATIONALE",
    "Translations",
]

# Art 5(1)(a)-(h), as the noun phrase that follows "banned practice:".
PRACTICES: Final[Mapping[str, Translations]] = {
    "a": {
        "kk": "адамдардың мінез-құлқын бұрмалап, елеулі зиян келтіретін сана астындағы, "
        "манипуляциялық немесе алдамшы әдістер",
        "ru": "подсознательные, манипулятивные или обманные приёмы, которые искажают поведение "
        "людей и причиняют значительный вред",
        "en": "subliminal, manipulative or deceptive techniques that distort people's behaviour "
        "and cause significant harm",
    },
    "b": {
        "kk": "адамдардың жасына, мүгедектігіне немесе әлеуметтік не экономикалық жағдайына "
        "байланысты осалдығын пайдалану",
        "ru": "использование уязвимости людей из-за возраста, инвалидности или социального либо "
        "экономического положения",
        "en": "exploiting people's vulnerability due to their age, disability or social or "
        "economic situation",
    },
    "c": {
        "kk": "әлеуметтік скоринг (адамдарды әлеуметтік мінез-құлқы немесе жеке қасиеттері "
        "бойынша бағалау, бұл оларға әділетсіз не тым қатаң қарауға әкеледі)",
        "ru": "социальный скоринг (оценка людей по их социальному поведению или личным качествам, "
        "ведущая к несправедливому или несоразмерному обращению с ними)",
        "en": "social scoring (rating people by their social behaviour or personal traits, "
        "leading to unfair or disproportionate treatment)",
    },
    "d": {
        "kk": "адамның қылмыс жасайтынын тек профильдеу немесе тұлғалық қасиеттері негізінде "
        "болжау",
        "ru": "прогнозирование того, что человек совершит преступление, только на основе "
        "профилирования или черт личности",
        "en": "predicting that a person will commit a crime based only on profiling or "
        "personality traits",
    },
    "e": {
        "kk": "бет-әлпетті тану базаларын құру үшін интернеттен немесе бейнебақылау камераларынан "
        "бет бейнелерін іріктемей жинау",
        "ru": "нецелевой сбор изображений лиц из интернета или с камер видеонаблюдения для "
        "создания баз распознавания лиц",
        "en": "untargeted collection of facial images from the internet or CCTV to build face "
        "recognition databases",
    },
    "f": {
        "kk": "жұмыс орнында немесе білім беру ұйымдарында адамдардың эмоцияларын тану "
        "(медициналық немесе қауіпсіздік мақсаттарын қоспағанда)",
        "ru": "распознавание эмоций людей на работе или в учебных заведениях (кроме медицинских "
        "целей и целей безопасности)",
        "en": "recognising people's emotions at work or in education (except for medical or "
        "safety reasons)",
    },
    "g": {
        "kk": "адамдардың нәсілін, саяси көзқарасын, кәсіподаққа мүшелігін, дінін не "
        "наным-сенімін, жыныстық өмірін немесе жыныстық бағдарын анықтау үшін оларды "
        "биометриялық деректер бойынша санаттарға бөлу",
        "ru": "распределение людей по категориям на основе биометрических данных, чтобы определить "
        "их расу, политические взгляды, членство в профсоюзе, религию или убеждения, интимную "
        "жизнь или сексуальную ориентацию",
        "en": "sorting people by biometric data to infer their race, political opinions, trade "
        "union membership, religion or beliefs, sex life or sexual orientation",
    },
    "h": {
        "kk": "құқық қорғау мақсатында қоғамдық орындарда адамдарды нақты уақыт режимінде қашықтан "
        "биометриялық сәйкестендіру (заңда рұқсат етілген тар ерекшеліктерден тыс)",
        "ru": "дистанционная биометрическая идентификация людей в реальном времени в общественных "
        "местах в правоохранительных целях (вне узких исключений, допускаемых законом)",
        "en": "real-time remote biometric identification of people in public places for law "
        "enforcement (outside the narrow exceptions the law allows)",
    },
}

# Art 6(3)(a)-(d), as a full clause.
ART6_3_CONDITIONS: Final[Mapping[str, Translations]] = {
    "a": {
        "kk": "жүйе тек тар процедуралық міндетті орындайды",
        "ru": "система выполняет лишь узкую процедурную задачу",
        "en": "the system only performs a narrow procedural task",
    },
    "b": {
        "kk": "жүйе адам бұрын аяқтаған жұмыстың нәтижесін ғана жақсартады",
        "ru": "система лишь улучшает результат уже завершённой работы человека",
        "en": "the system only improves the result of work a person has already completed",
    },
    "c": {
        "kk": "жүйе шешімдердегі заңдылықтарды немесе олардан ауытқуларды ғана анықтайды және "
        "адамның бұрынғы бағалауын тиісті адам тексеруінсіз алмастырмайды әрі оған әсер етпейді",
        "ru": "система лишь выявляет закономерности в решениях или отклонения от них и не "
        "заменяет и не меняет ранее проведённую оценку человека без надлежащей проверки человеком",
        "en": "the system only detects decision patterns or deviations from them, and does not "
        "replace or influence the earlier human assessment without proper human review",
    },
    "d": {
        "kk": "жүйе бағалауға арналған дайындық міндетін ғана орындайды",
        "ru": "система выполняет лишь подготовительную задачу для оценки",
        "en": "the system only performs a preparatory task for an assessment",
    },
}

# Obligation titles, keyed by the article reference the outcome carries.
OBLIGATION_TITLES: Final[Mapping[str, Translations]] = {
    "4": {
        "kk": "ЖИ сауаттылығы: жүйемен жұмыс істейтін немесе оны қадағалайтын қызметкерлер "
        "оқытылған",
        "ru": "Грамотность в области ИИ: сотрудники, которые работают с системой или контролируют "
        "её, обучены",
        "en": "AI literacy: staff who operate or oversee the system are trained",
    },
    "5(1)(a)": {
        "kk": "Тыйым салынған тәсіл (манипуляциялық немесе алдамшы әдістер): жүйені қолданбаңыз — "
        "тоқтатыңыз немесе өзгертіңіз",
        "ru": "Запрещённая практика (манипулятивные или обманные приёмы): не используйте систему — "
        "остановите или измените её",
        "en": "Banned practice (manipulative or deceptive techniques): do not use the system; "
        "stop or change it",
    },
    "5(1)(b)": {
        "kk": "Тыйым салынған тәсіл (осалдықты пайдалану): жүйені қолданбаңыз — тоқтатыңыз немесе "
        "өзгертіңіз",
        "ru": "Запрещённая практика (использование уязвимости): не используйте систему — "
        "остановите или измените её",
        "en": "Banned practice (exploiting vulnerabilities): do not use the system; stop or "
        "change it",
    },
    "5(1)(c)": {
        "kk": "Тыйым салынған тәсіл (әлеуметтік скоринг): жүйені қолданбаңыз — тоқтатыңыз немесе "
        "өзгертіңіз",
        "ru": "Запрещённая практика (социальный скоринг): не используйте систему — остановите или "
        "измените её",
        "en": "Banned practice (social scoring): do not use the system; stop or change it",
    },
    "5(1)(d)": {
        "kk": "Тыйым салынған тәсіл (профильдеу негізінде қылмысты болжау): жүйені қолданбаңыз — "
        "тоқтатыңыз немесе өзгертіңіз",
        "ru": "Запрещённая практика (прогноз преступлений на основе профилирования): не "
        "используйте систему — остановите или измените её",
        "en": "Banned practice (predicting crime from profiling): do not use the system; stop or "
        "change it",
    },
    "5(1)(e)": {
        "kk": "Тыйым салынған тәсіл (бет бейнелерін іріктемей жинау): жүйені қолданбаңыз — "
        "тоқтатыңыз немесе өзгертіңіз",
        "ru": "Запрещённая практика (нецелевой сбор изображений лиц): не используйте систему — "
        "остановите или измените её",
        "en": "Banned practice (untargeted scraping of facial images): do not use the system; "
        "stop or change it",
    },
    "5(1)(f)": {
        "kk": "Тыйым салынған тәсіл (жұмыста немесе оқуда эмоцияларды тану): жүйені қолданбаңыз — "
        "тоқтатыңыз немесе өзгертіңіз",
        "ru": "Запрещённая практика (распознавание эмоций на работе или в учёбе): не используйте "
        "систему — остановите или измените её",
        "en": "Banned practice (emotion recognition at work or in education): do not use the "
        "system; stop or change it",
    },
    "5(1)(g)": {
        "kk": "Тыйым салынған тәсіл (сезімтал белгілер бойынша биометриялық санаттау): жүйені "
        "қолданбаңыз — тоқтатыңыз немесе өзгертіңіз",
        "ru": "Запрещённая практика (биометрическая категоризация по чувствительным признакам): "
        "не используйте систему — остановите или измените её",
        "en": "Banned practice (biometric categorisation by sensitive traits): do not use the "
        "system; stop or change it",
    },
    "5(1)(h)": {
        "kk": "Тыйым салынған тәсіл (құқық қорғау үшін нақты уақыттағы қашықтан биометриялық "
        "сәйкестендіру): жүйені қолданбаңыз — тоқтатыңыз немесе өзгертіңіз",
        "ru": "Запрещённая практика (дистанционная биометрическая идентификация в реальном времени "
        "для правоохранительных целей): не используйте систему — остановите или измените её",
        "en": "Banned practice (real-time remote biometric identification for law enforcement): "
        "do not use the system; stop or change it",
    },
    "6(4)": {
        "kk": "Жүйенің жоғары тәуекелді емес екені туралы бағалауды құжаттаңыз",
        "ru": "Задокументируйте оценку, по которой система не относится к высокому риску",
        "en": "Document the assessment that the system is not high-risk",
    },
    "9": {
        "kk": "Жүйенің бүкіл өмірлік циклі бойы тәуекелдерді басқару жүйесі",
        "ru": "Система управления рисками на протяжении всего жизненного цикла",
        "en": "Risk management throughout the system's life",
    },
    "10": {
        "kk": "Деректерді басқару: өзекті, репрезентативті және біржақтылыққа тексерілген деректер",
        "ru": "Управление данными: релевантные, репрезентативные данные, проверенные на "
        "предвзятость",
        "en": "Data governance: relevant, representative data examined for bias",
    },
    "11": {
        "kk": "Техникалық құжаттама",
        "ru": "Техническая документация",
        "en": "Technical documentation",
    },
    "12": {
        "kk": "Оқиғаларды автоматты түрде тіркеу (журналдар)",
        "ru": "Автоматическая запись событий (журналы)",
        "en": "Automatic logging of events (record-keeping)",
    },
    "13": {
        "kk": "Пайдаланушыларға арналған нұсқаулық және ашықтық",
        "ru": "Инструкция по применению и прозрачность для эксплуатантов",
        "en": "Instructions for use and transparency towards deployers",
    },
    "14": {
        "kk": "Адам тарапынан қадағалау: адамдар жүйені түсініп, бақылай алады, оның нәтижесін "
        "жоққа шығарып, жүйені тоқтата алады",
        "ru": "Человеческий надзор: люди могут понимать систему, следить за ней, отменять её "
        "результаты и останавливать её",
        "en": "Human oversight: people can understand, monitor, override and stop the system",
    },
    "15": {
        "kk": "Дәлдік, орнықтылық және киберқауіпсіздік",
        "ru": "Точность, надёжность и кибербезопасность",
        "en": "Accuracy, robustness and cybersecurity",
    },
    "16": {
        "kk": "Жоғары тәуекелді жүйе жеткізушісінің міндеттері",
        "ru": "Обязанности поставщика высокорисковой системы",
        "en": "Obligations of the provider of a high-risk system",
    },
    "17": {
        "kk": "Сапа менеджменті жүйесі",
        "ru": "Система управления качеством",
        "en": "Quality management system",
    },
    "26(1)": {
        "kk": "Жүйені жеткізушінің нұсқаулығына сәйкес пайдаланыңыз (13-бап)",
        "ru": "Используйте систему в соответствии с инструкцией поставщика (ст. 13)",
        "en": "Use the system according to the provider's instructions for use (Art 13)",
    },
    "26(2)": {
        "kk": "Қадағалауды құзыретті, оқытылған және өкілеттігі бар адамдарға жүктеңіз",
        "ru": "Поручите надзор компетентным, обученным людям с необходимыми полномочиями",
        "en": "Assign human oversight to competent, trained people with the necessary authority",
    },
    "26(4)": {
        "kk": "Кіріс деректерін өзіңіз басқарсаңыз, олардың өзекті әрі репрезентативті болуын "
        "қамтамасыз етіңіз",
        "ru": "Если входные данные под вашим контролем, обеспечьте их релевантность и "
        "репрезентативность",
        "en": "Where you control the input data, make sure it is relevant and representative",
    },
    "26(5)": {
        "kk": "Жүйенің жұмысын бақылаңыз, тәуекел туындаса, оны тоқтата тұрыңыз және елеулі "
        "оқиғалар туралы хабарлаңыз",
        "ru": "Следите за работой системы, приостанавливайте её при риске и сообщайте о "
        "серьёзных инцидентах",
        "en": "Monitor the system, suspend it if it poses a risk, and report serious incidents",
    },
    "26(6)": {
        "kk": "Жүйе журналдарын кемінде алты ай сақтаңыз",
        "ru": "Храните журналы системы не менее шести месяцев",
        "en": "Keep the system's logs for at least six months",
    },
    "26(7)": {
        "kk": "Жұмыс орнында қолданар алдында қызметкерлерге және олардың өкілдеріне хабарлаңыз",
        "ru": "Проинформируйте работников и их представителей до применения на рабочем месте",
        "en": "Inform workers and their representatives before using the system at the workplace",
    },
    "26(8)": {
        "kk": "ЕО дерекқорында тіркелмеген жүйені пайдаланбаңыз",
        "ru": "Не используйте систему, не зарегистрированную в базе данных ЕС",
        "en": "Do not use a system that is not registered in the EU database",
    },
    "26(9)": {
        "kk": "Деректерді қорғауға әсерді бағалау қажет болса, ол үшін жеткізуші берген ақпаратты "
        "пайдаланыңыз",
        "ru": "Если нужна оценка воздействия на защиту данных, используйте для неё сведения "
        "поставщика",
        "en": "Where a data protection impact assessment is needed, use the provider's "
        "information for it",
    },
    "26(11)": {
        "kk": "Адамдарға олар туралы шешім қабылдауда жоғары тәуекелді жүйе қолданылатынын "
        "хабарлаңыз",
        "ru": "Сообщайте людям, что при принятии решений о них используется высокорисковая система",
        "en": "Tell people that a high-risk system is used in decisions about them",
    },
    "27": {
        "kk": "Алғаш қолданар алдында негізгі құқықтарға әсерді бағалау",
        "ru": "Оценка воздействия на основные права до первого применения",
        "en": "Fundamental rights impact assessment before first use",
    },
    "43": {
        "kk": "Нарыққа шығарар алдында сәйкестікті бағалау",
        "ru": "Оценка соответствия до выпуска на рынок",
        "en": "Conformity assessment before placing on the market",
    },
    "47": {
        "kk": "ЕО сәйкестік декларациясы",
        "ru": "Декларация соответствия ЕС",
        "en": "EU declaration of conformity",
    },
    "48": {
        "kk": "CE таңбалауы",
        "ru": "Маркировка CE",
        "en": "CE marking",
    },
    "49(1)": {
        "kk": "Нарыққа шығарар алдында жүйені ЕО дерекқорында тіркеңіз (VIII қосымша, A бөлімі)",
        "ru": "Зарегистрируйте систему в базе данных ЕС до выпуска на рынок (Приложение VIII, "
        "раздел A)",
        "en": "Register the system in the EU database before placing it on the market "
        "(Annex VIII, Section A)",
    },
    "49(2)": {
        "kk": "Жүйені жоғары тәуекелді емес деп санасаңыз да, оны ЕО дерекқорында тіркеңіз "
        "(VIII қосымша, B бөлімі)",
        "ru": "Зарегистрируйте систему в базе данных ЕС, даже если считаете, что она не относится "
        "к высокому риску (Приложение VIII, раздел B)",
        "en": "Register the system in the EU database even though you consider it not high-risk "
        "(Annex VIII, Section B)",
    },
    "49(3)": {
        "kk": "Ұйымыңызды және оның жүйені қолдануын ЕО дерекқорында тіркеңіз (VIII қосымша, "
        "C бөлімі)",
        "ru": "Зарегистрируйте свою организацию и применение ею системы в базе данных ЕС "
        "(Приложение VIII, раздел C)",
        "en": "Register your organisation and its use of the system in the EU database "
        "(Annex VIII, Section C)",
    },
    "49(5)": {
        "kk": "Аса маңызды инфрақұрылым жүйесін ұлттық деңгейде тіркеңіз",
        "ru": "Зарегистрируйте систему критической инфраструктуры на национальном уровне",
        "en": "Register the critical infrastructure system at national level",
    },
    "50(1)": {
        "kk": "Адамдарға олардың ЖИ жүйесімен әрекеттесіп отырғанын хабарлаңыз",
        "ru": "Сообщайте людям, что они взаимодействуют с системой ИИ",
        "en": "Tell people that they are interacting with an AI system",
    },
    "50(2)": {
        "kk": "Жасалған аудионы, суретті, бейнені және мәтінді машинамен оқылатын түрде жасанды "
        "жолмен жасалған деп белгілеңіз",
        "ru": "Маркируйте созданные аудио, изображения, видео и тексты как искусственно созданные "
        "в машиночитаемом виде",
        "en": "Mark generated audio, images, video and text as artificially generated, in a "
        "machine-readable way",
    },
    "50(3)": {
        "kk": "Эмоцияларды тану немесе биометриялық санаттау қолданылатын адамдарға хабарлаңыз",
        "ru": "Информируйте людей, к которым применяется распознавание эмоций или биометрическая "
        "категоризация",
        "en": "Inform people exposed to emotion recognition or biometric categorisation",
    },
    "50(4)": {
        "kk": "Дипфейктерді және қоғамдық маңызы бар мәселелер бойынша жарияланатын ЖИ жасаған "
        "мәтіндерді ашық көрсетіңіз",
        "ru": "Раскрывайте дипфейки и созданные ИИ тексты, публикуемые по вопросам общественного "
        "интереса",
        "en": "Disclose deep fakes and AI-generated text published on matters of public interest",
    },
    "50(5)": {
        "kk": "Бұл ақпаратты анық әрі қолжетімді түрде, ең кешікпегенде алғашқы әрекеттесу кезінде "
        "беріңіз",
        "ru": "Предоставляйте эту информацию ясно и доступно, не позднее первого взаимодействия",
        "en": "Give this information clearly and accessibly, at the latest at the first "
        "interaction",
    },
    "53": {
        "kk": "Жалпы мақсаттағы ЖИ моделі: құжаттама, оны пайдаланатын жеткізушілерге ақпарат, "
        "авторлық құқық саясаты, оқыту деректерінің қысқаша мазмұны",
        "ru": "Модель ИИ общего назначения: документация, информация для поставщиков, которые её "
        "используют, политика в области авторского права, сводка обучающих данных",
        "en": "General-purpose AI model: documentation, information for providers who build on "
        "it, copyright policy, summary of training content",
    },
    "54": {
        "kk": "ЕО-дан тыс жердегі жеткізушілер: ЕО-да уәкілетті өкіл тағайындаңыз",
        "ru": "Поставщики за пределами ЕС: назначьте уполномоченного представителя в ЕС",
        "en": "Providers established outside the EU: appoint an authorised representative in "
        "the EU",
    },
    "72": {
        "kk": "Нарыққа шығарғаннан кейінгі мониторинг",
        "ru": "Мониторинг после выпуска на рынок",
        "en": "Post-market monitoring",
    },
    "73": {
        "kk": "Елеулі оқиғалар туралы хабарлаңыз",
        "ru": "Сообщайте о серьёзных инцидентах",
        "en": "Report serious incidents",
    },
    "86": {
        "kk": "Шешім қатысты адамдарға жүйенің сол шешімдегі рөлін түсіндіріңіз",
        "ru": "Объясняйте затронутым людям, какую роль система сыграла в решении о них",
        "en": "Explain to the people affected what role the system played in a decision about them",
    },
}

# Rationale sentences, keyed by the reason they give.
RATIONALE: Final[Mapping[str, Translations]] = {
    # Scope (Art 2, Art 3(1)).
    "ai.confirmed": {
        "kk": "Сіз бұл ЖИ жүйесі екенін растадыңыз, сондықтан оған ЕО-ның ЖИ туралы регламенті "
        "қолданылады (3(1)-бап).",
        "ru": "Вы подтвердили, что это система ИИ, поэтому к ней применяется Регламент ЕС об ИИ "
        "(ст. 3(1)).",
        "en": "You confirmed that this is an AI system, so the EU AI Act applies to it (Art 3(1)).",
    },
    "ai.infers": {
        "kk": "Жүйе алатын деректерінен болжам, мазмұн, ұсыным немесе шешім сияқты нәтижелерді "
        "өзі шығарады, сондықтан ол ЖИ жүйесі болып табылады (3(1)-бап).",
        "ru": "Система сама выводит из получаемых данных результаты — прогнозы, контент, "
        "рекомендации или решения, поэтому это система ИИ (ст. 3(1)).",
        "en": "The system works out outputs such as predictions, content, recommendations or "
        "decisions from the data it receives, so it is an AI system (Art 3(1)).",
    },
    "ai.precaution": {
        "kk": "Бұл ЖИ жүйесі ме, жоқ па — әзірге анық емес, сондықтан сақтық үшін бұл мәселе "
        "шешілгенге дейін ол ЖИ жүйесі ретінде қаралады (3(1)-бап).",
        "ru": "Пока неясно, является ли это системой ИИ, поэтому из предосторожности она "
        "рассматривается как система ИИ до получения ответа на этот вопрос (ст. 3(1)).",
        "en": "It is not yet clear whether this is an AI system, so to be safe it is treated as "
        "one until the question is answered (Art 3(1)).",
    },
    "out.not_ai": {
        "kk": "Сіз бұл ЖИ жүйесі емес екенін көрсеттіңіз, сондықтан оған ЕО-ның ЖИ туралы "
        "регламенті қолданылмайды (3(1)-бап).",
        "ru": "Вы указали, что это не система ИИ, поэтому Регламент ЕС об ИИ к ней не применяется "
        "(ст. 3(1)).",
        "en": "You stated that this is not an AI system, so the EU AI Act does not apply to it "
        "(Art 3(1)).",
    },
    "out.fixed_rules": {
        "kk": "Жүйе тек адамдар жазған тұрақты ережелер бойынша жұмыс істейді, сондықтан ол ЖИ "
        "жүйесі емес және оған ЕО-ның ЖИ туралы регламенті қолданылмайды (3(1)-бап).",
        "ru": "Система работает только по заданным людьми неизменным правилам, поэтому это не "
        "система ИИ и Регламент ЕС об ИИ к ней не применяется (ст. 3(1)).",
        "en": "The system only follows fixed rules written by people, so it is not an AI system "
        "and the EU AI Act does not apply to it (Art 3(1)).",
    },
    "out.no_inference": {
        "kk": "Жүйе нәтижелерін алатын деректерінен өзі шығармайды, сондықтан ол ЖИ жүйесі емес "
        "және оған ЕО-ның ЖИ туралы регламенті қолданылмайды (3(1)-бап).",
        "ru": "Система не выводит свои результаты из получаемых данных, поэтому это не система ИИ "
        "и Регламент ЕС об ИИ к ней не применяется (ст. 3(1)).",
        "en": "The system does not work out its outputs from the data it receives, so it is not "
        "an AI system and the EU AI Act does not apply to it (Art 3(1)).",
    },
    "out.military": {
        "kk": "ЕО-ның ЖИ туралы регламенті тек әскери, қорғаныс немесе ұлттық қауіпсіздік "
        "мақсаттарында қолданылатын жүйелерге қолданылмайды (2(3)-бап).",
        "ru": "Регламент ЕС об ИИ не применяется к системам, которые используются исключительно в "
        "военных целях, в целях обороны или национальной безопасности (ст. 2(3)).",
        "en": "The EU AI Act does not apply to systems used only for military, defence or "
        "national security purposes (Art 2(3)).",
    },
    "out.research": {
        "kk": "ЕО-ның ЖИ туралы регламенті нарыққа шығарылғанға немесе пайдалануға берілгенге "
        "дейін тек ғылыми зерттеулер үшін әзірленетін және қолданылатын жүйелерге қолданылмайды "
        "(2(6)-бап, 2(8)-бап); жүйе басқа мақсатта қолданыла бастағанда регламент қолданылады.",
        "ru": "Регламент ЕС об ИИ не применяется к системам, которые разрабатываются и "
        "используются только для научных исследований до выпуска на рынок или ввода в "
        "эксплуатацию (ст. 2(6), ст. 2(8)); как только система начинает использоваться для других "
        "целей, Регламент применяется.",
        "en": "The EU AI Act does not apply to systems developed and used only for scientific "
        "research before they are placed on the market or put into service (Art 2(6), "
        "Art 2(8)); once the system is used for anything else, the Act applies.",
    },
    "out.other_law": {
        "kk": "Басқа заңдар, мысалы, дербес деректерді қорғау туралы заң, бұрынғыша қолданылады "
        "(2(7)-бап).",
        "ru": "Другие законы, например о защите персональных данных, продолжают действовать "
        "(ст. 2(7)).",
        "en": "Other laws, such as the rules on personal data protection, still apply (Art 2(7)).",
    },
    # Prohibited practices (Art 5).
    "prohibited.practice": {
        "kk": "Жүйе тыйым салынған тәсілді қолданады: {practice} (5(1)({letter})-бап).",
        "ru": "Система применяет запрещённую практику: {practice} (ст. 5(1)({letter})).",
        "en": "The system uses a banned practice: {practice} (Art 5(1)({letter})).",
    },
    "prohibited.effect": {
        "kk": "Тыйым салынған тәсілдерді мүлдем қолдануға болмайды, сондықтан жүйені тоқтату "
        "немесе өзгерту қажет; оны қазіргі күйінде талаптарға сәйкес келтіру мүмкін емес, "
        "сондықтан басқа міндеттер көрсетілмеген (5-бап).",
        "ru": "Запрещённые практики нельзя применять вовсе, поэтому систему нужно остановить или "
        "изменить; в нынешнем виде её нельзя привести в соответствие, поэтому другие обязанности "
        "не перечислены (ст. 5).",
        "en": "Banned practices may not be used at all, so the system must be stopped or "
        "changed; as it stands it cannot be made compliant, so no other duties are listed "
        "(Art 5).",
    },
    "prohibited.overrides": {
        "kk": "Тыйым жүйенің басқа қасиеттеріне қарамастан қолданылады, сондықтан қалған жауаптар "
        "(мысалы, жоғары тәуекелді қолдану немесе ашықтық міндеттері туралы) нәтижені "
        "өзгертпейді (5-бап).",
        "ru": "Запрет действует независимо от других свойств системы, поэтому остальные ответы "
        "(например, о применении с высоким риском или об обязанностях прозрачности) не меняют "
        "результат (ст. 5).",
        "en": "The ban applies whatever else is true of the system, so the other answers (such "
        "as high-risk uses or transparency duties) do not change the result (Art 5).",
    },
    # High risk (Art 6).
    "high.annex_i": {
        "kk": "Жүйе ЕО-ның өнім қауіпсіздігі туралы заңнамасы қолданылатын және тәуелсіз үшінші "
        "тараптың тексеруін қажет ететін өнім немесе сол өнімнің қауіпсіздік құрамдас бөлігі "
        "болып табылады, сондықтан ол жоғары тәуекелді (6(1)-бап, I қосымша).",
        "ru": "Система является продуктом или компонентом безопасности продукта, на который "
        "распространяется законодательство ЕС о безопасности продукции и который требует "
        "проверки независимым органом, поэтому она относится к высокому риску (ст. 6(1), "
        "Приложение I).",
        "en": "The system is, or is a safety component of, a product covered by EU product "
        "safety law that needs an independent third-party check, so it is high-risk (Art 6(1), "
        "Annex I).",
    },
    "high.annex_iii": {
        "kk": "Жүйе III қосымшаның {point}-тармағындағы салада қолданылады: {use}; мұндай "
        "қолдану жоғары тәуекелді деп саналады (6(2)-бап).",
        "ru": "Система применяется в области из Приложения III, пункт {point}: {use}; такое "
        "применение относится к высокому риску (ст. 6(2)).",
        "en": "The system is used for a purpose in Annex III, point {point}: {use}; this use is "
        "high-risk (Art 6(2)).",
    },
    "art6_3.profiling": {
        "kk": "Жүйе адамдарды профильдейді, ал III қосымшада аталған мақсатта адамдарды "
        "профильдейтін жүйе қандай ерекшелік көрсетілсе де әрқашан жоғары тәуекелді болып "
        "саналады (6(3)-бап).",
        "ru": "Система проводит профилирование людей, а система из Приложения III, которая "
        "профилирует людей, всегда относится к высокому риску, какие бы исключения ни "
        "заявлялись (ст. 6(3)).",
        "en": "The system profiles people, and a system used for a purpose in Annex III that "
        "profiles people is always high-risk, whatever exception is claimed (Art 6(3)).",
    },
    "art6_3.no_justification": {
        "kk": "6(3)-баптың {letters} шарты бойынша ерекшелік көрсетілген, бірақ оның неге "
        "қолданылатыны түсіндірілмеген, сондықтан оны пайдалануға болмайды.",
        "ru": "Заявлено исключение по ст. 6(3), условие {letters}, но не объяснено, почему оно "
        "применимо, поэтому им нельзя воспользоваться.",
        "en": "An exception was claimed under Art 6(3), condition {letters}, but no reason was "
        "given why it applies, so it cannot be used.",
    },
    "art6_3.condition": {
        "kk": "6(3)({letter})-баптағы ерекшелік қолданылады: {condition}.",
        "ru": "Применимо исключение по ст. 6(3)({letter}): {condition}.",
        "en": "The exception in Art 6(3)({letter}) applies: {condition}.",
    },
    "art6_3.applied": {
        "kk": "Ерекшелік қолданылады, жүйе адамдарды профильдемейді және себебі түсіндірілген, "
        "сондықтан оның III қосымша бойынша қолданылуы ({points}) жоғары тәуекелді деп "
        "саналмайды (6(3)-бап).",
        "ru": "Исключение применимо, система не профилирует людей и причина объяснена, поэтому "
        "её применение по Приложению III ({points}) не относится к высокому риску (ст. 6(3)).",
        "en": "An exception applies, the system does not profile people and a reason has been "
        "given, so its use under Annex III ({points}) is not treated as high-risk (Art 6(3)).",
    },
    "art6_3.provider_duties": {
        "kk": "Жеткізуші ретінде сіз бұл бағалауды құжаттауға және нарыққа шығарар алдында жүйені "
        "ЕО дерекқорында тіркеуге тиіссіз (6(4)-бап, 49(2)-бап).",
        "ru": "Как поставщик, вы должны задокументировать эту оценку и зарегистрировать систему в "
        "базе данных ЕС до выпуска на рынок (ст. 6(4), ст. 49(2)).",
        "en": "As the provider, you must document this assessment and register the system in "
        "the EU database before placing it on the market (Art 6(4), Art 49(2)).",
    },
    "art6_3.deployer_note": {
        "kk": "Жеткізуші бұл бағалауды құжаттап, жүйені тіркеуге тиіс (6(4)-бап, 49(2)-бап); "
        "сіз бұл құжатты жеткізушіден сұрата аласыз.",
        "ru": "Поставщик обязан задокументировать эту оценку и зарегистрировать систему "
        "(ст. 6(4), ст. 49(2)); вы можете запросить этот документ у поставщика.",
        "en": "The provider must document this assessment and register the system (Art 6(4), "
        "Art 49(2)); you can ask the provider for it.",
    },
    "high.non_public": {
        "kk": "Биометрия, құқық қорғау немесе көші-қон салаларындағы жүйелер ЕО дерекқорының "
        "жабық бөлімінде тіркеледі, сондықтан кейбір мәліметтер заң бойынша жарияланбайды "
        "(49(4)-бап).",
        "ru": "Системы в сферах биометрии, правоохранительной деятельности и миграции "
        "регистрируются в закрытом разделе базы данных ЕС, поэтому часть сведений по закону не "
        "публикуется (ст. 49(4)).",
        "en": "Systems for biometrics, law enforcement or migration are registered in a "
        "non-public section of the EU database, so some details are withheld by law "
        "(Art 49(4)).",
    },
    "high.provider": {
        "kk": "Жеткізуші ретінде сіз жүйені нарыққа шығарар немесе пайдалануға берер алдында "
        "жоғары тәуекелді жүйелерге қойылатын талаптарды орындауға тиіссіз (16-бап).",
        "ru": "Как поставщик, вы должны выполнить требования к высокорисковым системам до выпуска "
        "системы на рынок или ввода её в эксплуатацию (ст. 16).",
        "en": "As the provider, you must meet the requirements for high-risk systems before "
        "placing the system on the market or putting it into service (Art 16).",
    },
    "high.deployer": {
        "kk": "Пайдаланушы ретінде сіз жүйені нұсқаулыққа сай қолдануға және оны құзыретті "
        "адамдардың қадағалауында ұстауға тиіссіз (26-бап).",
        "ru": "Как эксплуатант, вы должны использовать систему по инструкции и обеспечить "
        "компетентный человеческий надзор за ней (ст. 26).",
        "en": "As the deployer, you must use the system according to its instructions and keep "
        "it under competent human oversight (Art 26).",
    },
    "high.explanation": {
        "kk": "Жүйенің нәтижесіне негізделген шешім қатысты адамдар жүйенің сол шешімдегі рөлі "
        "туралы анық түсініктеме алуға құқылы (86-бап).",
        "ru": "Люди, в отношении которых принято решение на основе результатов системы, имеют "
        "право на понятное объяснение роли системы в этом решении (ст. 86).",
        "en": "People affected by a decision based on the system's output have the right to a "
        "clear explanation of the system's role in it (Art 86).",
    },
    # Fundamental rights impact assessment (Art 27).
    "fria.public": {
        "kk": "Сіз мемлекеттік орган немесе мемлекеттік қызмет көрсететін ұйымсыз және III "
        "қосымшадағы жоғары тәуекелді жүйені қолданасыз, сондықтан алғаш қолданар алдында оның "
        "адамдардың негізгі құқықтарына әсерін бағалауға тиіссіз (27-бап).",
        "ru": "Вы — государственный орган или организация, оказывающая публичные услуги, и "
        "применяете высокорисковую систему из Приложения III, поэтому до первого применения "
        "должны оценить её воздействие на основные права людей (ст. 27).",
        "en": "You are a public body or an organisation providing public services and use a "
        "high-risk system from Annex III, so you must assess its impact on people's fundamental "
        "rights before first use (Art 27).",
    },
    "fria.credit_insurance": {
        "kk": "Жүйе несиеге қабілеттілікті немесе өмір мен денсаулықты сақтандырудағы тәуекелді "
        "бағалайтындықтан (III қосымша, 5(b) немесе 5(c)-тармақ), кез келген пайдаланушы алғаш "
        "қолданар алдында оның адамдардың негізгі құқықтарына әсерін бағалауға тиіс (27-бап).",
        "ru": "Так как система оценивает кредитоспособность либо риски в страховании жизни и "
        "здоровья (Приложение III, пункт 5(b) или 5(c)), любой эксплуатант должен до первого "
        "применения оценить её воздействие на основные права людей (ст. 27).",
        "en": "Because the system assesses creditworthiness or life and health insurance risk "
        "(Annex III, point 5(b) or 5(c)), every deployer must assess its impact on people's "
        "fundamental rights before first use (Art 27).",
    },
    "fria.not_required": {
        "kk": "Мұндай қолдану және мұндай пайдаланушы үшін негізгі құқықтарға әсерді бағалау "
        "талап етілмейді (27-бап).",
        "ru": "Для такого применения и такого эксплуатанта оценка воздействия на основные права "
        "не требуется (ст. 27).",
        "en": "A fundamental rights impact assessment is not required for this use and this kind "
        "of deployer (Art 27).",
    },
    # Transparency (Art 50).
    "transparency.50(1)": {
        "kk": "Жүйе адамдармен тікелей әрекеттеседі, сондықтан оларға ЖИ-мен сөйлесіп "
        "отырғанын хабарлау қажет (50(1)-бап).",
        "ru": "Система напрямую взаимодействует с людьми, поэтому им нужно сообщать, что они "
        "имеют дело с ИИ (ст. 50(1)).",
        "en": "The system interacts directly with people, so they must be told that they are "
        "dealing with an AI (Art 50(1)).",
    },
    "transparency.50(2)": {
        "kk": "Жүйе синтетикалық аудио, сурет, бейне немесе мәтін жасайды, сондықтан оның "
        "нәтижелерін машинамен оқылатын түрде жасанды жолмен жасалған деп белгілеу қажет "
        "(50(2)-бап).",
        "ru": "Система создаёт синтетические аудио, изображения, видео или тексты, поэтому её "
        "результаты нужно маркировать как искусственно созданные в машиночитаемом виде "
        "(ст. 50(2)).",
        "en": "The system generates synthetic audio, images, video or text, so its outputs must "
        "be marked as artificially generated in a machine-readable way (Art 50(2)).",
    },
    "transparency.50(3)": {
        "kk": "Жүйе эмоцияларды таниды немесе биометриялық деректер бойынша адамдарды санаттарға "
        "бөледі, сондықтан ол қолданылатын адамдарға бұл туралы хабарлау қажет (50(3)-бап).",
        "ru": "Система распознаёт эмоции или распределяет людей по категориям на основе "
        "биометрических данных, поэтому людей, к которым она применяется, нужно об этом "
        "информировать (ст. 50(3)).",
        "en": "The system recognises emotions or sorts people into categories using biometric "
        "data, so the people exposed to it must be informed (Art 50(3)).",
    },
    "transparency.50(4)": {
        "kk": "Жүйе дипфейктер немесе қоғамдық маңызы бар мәселелер бойынша жұртшылыққа "
        "жарияланатын мәтіндер жасайды, сондықтан мұны ашық көрсету қажет (50(4)-бап).",
        "ru": "Система создаёт дипфейки или тексты, которые публикуются для информирования "
        "общества по вопросам общественного интереса, поэтому это нужно раскрывать (ст. 50(4)).",
        "en": "The system produces deep fakes, or text published to inform the public on matters "
        "of public interest, so this must be disclosed (Art 50(4)).",
    },
    "transparency.50(5)": {
        "kk": "Бұл ақпарат анық әрі қолжетімді түрде, ең кешікпегенде жүйемен алғашқы "
        "әрекеттесу кезінде берілуі тиіс (50(5)-бап).",
        "ru": "Эту информацию нужно предоставлять ясно и доступно, не позднее первого "
        "взаимодействия с системой (ст. 50(5)).",
        "en": "This information must be given clearly and accessibly, at the latest at the first "
        "interaction with the system (Art 50(5)).",
    },
    # The class when nothing stricter applies.
    "class.limited": {
        "kk": "Осы ашықтық міндеттерінен басқа қатаңырақ талаптар қолданылмайды, сондықтан жүйе "
        "шектеулі тәуекел санатына жатады (50-бап).",
        "ru": "Помимо этих обязанностей прозрачности, более строгие правила не применяются, "
        "поэтому система относится к ограниченному риску (ст. 50).",
        "en": "Apart from these transparency duties no stricter rule applies, so the system is "
        "limited-risk (Art 50).",
    },
    "class.minimal": {
        "kk": "Тыйымдар да, жоғары тәуекел талаптары да, ашықтық міндеттері де қолданылмайды, "
        "сондықтан жүйе ең төмен тәуекел санатына жатады; ерікті әдеп кодексін ұстану "
        "ұсынылады (95-бап).",
        "ru": "Ни запреты, ни правила для высокого риска, ни обязанности прозрачности не "
        "применяются, поэтому система относится к минимальному риску; рекомендуется следовать "
        "добровольному кодексу поведения (ст. 95).",
        "en": "None of the banned, high-risk or transparency cases apply, so the system is "
        "minimal-risk; following a voluntary code of conduct is encouraged (Art 95).",
    },
    "literacy": {
        "kk": "Жүйемен жұмыс істейтін немесе оны қадағалайтын қызметкерлердің ЖИ туралы білімі "
        "жеткілікті болуы тиіс (4-бап).",
        "ru": "Сотрудники, которые работают с системой или контролируют её, должны достаточно "
        "разбираться в ИИ (ст. 4).",
        "en": "Staff who operate or oversee the system must know enough about AI to do so (Art 4).",
    },
    # General-purpose AI models (Art 51-55).
    "gpai.provider": {
        "kk": "Жүйе жалпы мақсаттағы ЖИ моделі болып табылады; оның жеткізушісі ретінде сіз "
        "техникалық құжаттама жүргізуге, модель негізінде жүйе жасайтындарды хабардар етуге, "
        "авторлық құқықты сақтауға және оқытуға пайдаланылған деректердің қысқаша мазмұнын "
        "жариялауға тиіссіз (53-бап).",
        "ru": "Система является моделью ИИ общего назначения; как её поставщик, вы должны вести "
        "техническую документацию, информировать тех, кто строит на ней свои системы, соблюдать "
        "авторское право и опубликовать сводку данных, использованных для обучения (ст. 53).",
        "en": "The system is a general-purpose AI model; as its provider, you must keep "
        "technical documentation, inform those who build on it, respect copyright and publish a "
        "summary of the training content (Art 53).",
    },
    "gpai.deployer": {
        "kk": "Жүйе жалпы мақсаттағы ЖИ моделіне негізделген; бұл модельге қатысты міндеттер "
        "оның жеткізушісіне жүктеледі (53-бап).",
        "ru": "Система построена на модели ИИ общего назначения; обязанности в отношении этой "
        "модели несёт её поставщик (ст. 53).",
        "en": "The system is built on a general-purpose AI model; the duties for that model fall "
        "on its provider (Art 53).",
    },
    "gpai.class": {
        "kk": "Жалпы мақсаттағы модель өз алдына тәуекел санатын өзгертпейді; жүйелік тәуекелі "
        "бар модельдерге осы сауалнама бағаламайтын қосымша міндеттер жүктеледі (51-бап, "
        "55-бап).",
        "ru": "Модель общего назначения сама по себе не меняет класс риска; на модели с "
        "системным риском возлагаются дополнительные обязанности, которые этот опросник не "
        "оценивает (ст. 51, ст. 55).",
        "en": "A general-purpose model does not by itself change the risk class; models with "
        "systemic risk have further duties that this questionnaire does not assess (Art 51, "
        "Art 55).",
    },
}
