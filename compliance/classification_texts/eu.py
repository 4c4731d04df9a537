"""Plain-language texts of the EU AI Act classification, in Kazakh, Russian and English.

Every entry maps a language code to its text, the three languages side by side, so that a missing
or stale translation is visible at review time (and `tests/compliance/test_classification_texts.py`
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

from register.vocabulary import Translations

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
        "kk": "адамдардың жасына, мүгедектігіне немесе нақты әлеуметтік не экономикалық "
        "жағдайына байланысты осалдығын олардың мінез-құлқын айтарлықтай бұрмалап, елеулі зиян "
        "келтіретіндей немесе келтіруі ықтимал етіп пайдалану",
        "ru": "использование уязвимости людей из-за возраста, инвалидности или особого "
        "социального либо экономического положения так, что их поведение существенно "
        "искажается и им причиняется или может быть причинён значительный вред",
        "en": "exploiting people's vulnerability due to their age, disability or a specific "
        "social or economic situation in a way that materially distorts their behaviour and "
        "causes or is likely to cause significant harm",
    },
    "c": {
        "kk": "әлеуметтік скоринг (адамдарды уақыт өте келе әлеуметтік мінез-құлқы немесе жеке "
        "қасиеттері бойынша бағалау, бұл деректер жиналған жағдаймен байланысы жоқ әлеуметтік "
        "жағдайларда оларға зиянды не қолайсыз қарауға немесе негізсіз не тым қатаң қарауға "
        "әкеледі)",
        "ru": "социальный скоринг (оценка людей на протяжении времени по их социальному "
        "поведению или личным качествам, ведущая к неблагоприятному обращению с ними в "
        "контекстах, не связанных с тем, где собраны данные, либо к неоправданному или "
        "несоразмерному обращению)",
        "en": "social scoring (rating people over time by their social behaviour or personal "
        "traits, leading to detrimental treatment in social contexts unrelated to where the data "
        "was collected, or to treatment that is unjustified or disproportionate)",
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
    "intimate_imagery": {
        "kk": "адамның келісімінсіз интимдік бейнелерді немесе балаларға жыныстық зорлық-зомбылық "
        "көрсететін материалдарды жасайтын жүйелер",
        "ru": "системы, создающие интимные изображения людей без их согласия или материалы "
        "сексуального насилия над детьми",
        "en": "systems that generate non-consensual intimate imagery or child sexual abuse "
        "material",
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
        "kk": "ЖИ сауаттылығы: жүйемен жұмыс істейтін немесе оны қадағалайтын қызметкерлердің ЖИ "
        "сауаттылығын қолдау шараларын қабылдаңыз",
        "ru": "Грамотность в области ИИ: примите меры для поддержки грамотности в области ИИ у "
        "сотрудников, которые работают с системой или контролируют её",
        "en": "AI literacy: take measures to support the AI literacy of staff who operate or "
        "oversee the system",
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
        "kk": "Деректерді қорғау туралы заң деректерді қорғауға әсерді бағалауды талап етсе, ол "
        "үшін жеткізуші берген ақпаратты (13-бап) пайдаланыңыз",
        "ru": "Если законодательство о защите данных требует оценки воздействия на защиту данных, "
        "используйте для неё сведения поставщика (ст. 13)",
        "en": "Where data protection law requires a data protection impact assessment, use the "
        "provider's information (Art 13) for it",
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
        "kk": "Шешім заңды немесе соған ұқсас елеулі салдар туғызатын адамдарға жүйенің сол "
        "шешімдегі рөлін түсіндіріңіз",
        "ru": "Объясняйте людям, для которых решение влечёт правовые или сходные по значимости "
        "последствия, какую роль в нём сыграла система",
        "en": "Explain the system's role in a decision to the people for whom it has legal or "
        "similarly significant effects",
    },
    "5-omnibus": {
        "kk": "Тыйым салынған тәсіл (келісімсіз интимдік бейнелер немесе балаларға жыныстық "
        "зорлық-зомбылық материалдары, Digital Omnibus on AI, 2026 жылғы 2 желтоқсаннан бастап): "
        "жүйені қолданбаңыз — тоқтатыңыз немесе өзгертіңіз",
        "ru": "Запрещённая практика (интимные изображения без согласия или материалы "
        "сексуального насилия над детьми, Digital Omnibus on AI, со 2 декабря 2026 года): не "
        "используйте систему — остановите или измените её",
        "en": "Banned practice (non-consensual intimate imagery or child sexual abuse material, "
        "Digital Omnibus on AI, from 2 December 2026): do not use the system; stop or change it",
    },
    "6(1)": {
        "kk": "I қосымшаның B бөліміндегі өнім ретінде жоғары тәуекелді жүйе: ЖИ туралы "
        "регламенттен тек 6(1), 102–109 және 112-баптар қолданылады",
        "ru": "Высокорисковая система как продукт из раздела B Приложения I: из Регламента об ИИ "
        "применяются только ст. 6(1), 102–109 и 112",
        "en": "High-risk as a product under Annex I, Section B: only Arts 6(1), 102–109 and 112 "
        "of the AI Act apply",
    },
    "102-109": {
        "kk": "Жоғары тәуекелді жүйелерге қойылатын талаптар өнімге өз салалық заңнамасы арқылы "
        "қолданылады (102–109-баптар)",
        "ru": "Требования к высокорисковым системам применяются к продукту через его отраслевое "
        "законодательство (ст. 102–109)",
        "en": "The requirements for high-risk systems reach the product through its own sector "
        "legislation (Arts 102–109)",
    },
    "112": {
        "kk": "Регламентті бағалау және қайта қарау (112-бап)",
        "ru": "Оценка и пересмотр Регламента (ст. 112)",
        "en": "Evaluation and review of the Regulation (Art 112)",
    },
    "23": {
        "kk": "Импорттаушы: нарыққа шығарар алдында жүйенің сәйкестігін бағалау жүргізілгенін, "
        "құжаттамасы және CE таңбалауы бар екенін тексеріңіз",
        "ru": "Импортёр: до выпуска на рынок проверьте, что оценка соответствия проведена, "
        "документация и маркировка CE есть",
        "en": "Importer: before placing the system on the market, verify its conformity "
        "assessment, documentation and CE marking",
    },
    "24": {
        "kk": "Дистрибьютор: жүйені ұсынар алдында оның CE таңбалауы, сәйкестік декларациясы "
        "және нұсқаулығы бар екенін тексеріңіз",
        "ru": "Дистрибьютор: до предложения системы на рынке проверьте маркировку CE, декларацию "
        "соответствия и инструкцию",
        "en": "Distributor: before making the system available, verify its CE marking, "
        "declaration of conformity and instructions for use",
    },
    "51": {
        "kk": "Жүйелік тәуекелі бар жалпы мақсаттағы ЖИ моделі ретінде жіктелу",
        "ru": "Классификация как модели ИИ общего назначения с системным риском",
        "en": "Classification as a general-purpose AI model with systemic risk",
    },
    "55": {
        "kk": "Жүйелік тәуекелі бар модель: бағалау, қарсыласу тестілеуі, елеулі оқиғалар туралы "
        "хабарлау және киберқауіпсіздік",
        "ru": "Модель с системным риском: оценка, состязательное тестирование, сообщения о "
        "серьёзных инцидентах и кибербезопасность",
        "en": "Model with systemic risk: evaluation, adversarial testing, serious-incident "
        "reporting and cybersecurity",
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
        "kk": "ЕО-ның ЖИ туралы регламенті тек ғылыми зерттеулер мен әзірлемелер үшін арнайы "
        "жасалған және пайдалануға берілген ЖИ жүйелеріне қолданылмайды (2(6)-бап); жүйе басқа "
        "мақсатта қолданыла бастағанда регламент қолданылады.",
        "ru": "Регламент ЕС об ИИ не применяется к системам ИИ, специально разработанным и "
        "введённым в эксплуатацию исключительно для научных исследований и разработок "
        "(ст. 2(6)); как только система начинает использоваться для других целей, Регламент "
        "применяется.",
        "en": "The EU AI Act does not apply to AI systems specifically developed and put into "
        "service for the sole purpose of scientific research and development (Art 2(6)); once "
        "the system is used for anything else, the Act applies.",
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
        "kk": "6(3)-баптың {letters} шарты бойынша ерекшелік көрсетілген, бірақ жүйенің "
        "адамдардың денсаулығына, қауіпсіздігіне немесе негізгі құқықтарына елеулі зиян келтіру "
        "қаупін туғызбайтыны және шешім қабылдау нәтижесіне айтарлықтай әсер етпейтіні туралы "
        "бағалау құжатталмаған, сондықтан оны пайдалануға болмайды.",
        "ru": "Заявлено исключение по ст. 6(3), условие {letters}, но не задокументирована "
        "оценка того, что система не создаёт значительного риска вреда здоровью, безопасности "
        "или основным правам людей и не влияет существенно на исход принятия решений, поэтому им "
        "нельзя воспользоваться.",
        "en": "An exception was claimed under Art 6(3), condition {letters}, but no assessment "
        "was documented that the system does not pose a significant risk of harm to people's "
        "health, safety or fundamental rights and does not materially influence the outcome of "
        "decision making, so it cannot be used.",
    },
    "art6_3.condition": {
        "kk": "6(3)({letter})-баптағы ерекшелік қолданылады: {condition}.",
        "ru": "Применимо исключение по ст. 6(3)({letter}): {condition}.",
        "en": "The exception in Art 6(3)({letter}) applies: {condition}.",
    },
    "art6_3.applied": {
        "kk": "Ерекшелік шарты орындалады, жүйе адамдарды профильдемейді және оның елеулі зиян "
        "қаупін туғызбайтыны әрі шешім қабылдау нәтижесіне айтарлықтай әсер етпейтіні туралы "
        "бағалау құжатталған, сондықтан оның III қосымша бойынша қолданылуы ({points}) жоғары "
        "тәуекелді деп саналмайды (6(3)-бап).",
        "ru": "Условие исключения выполнено, система не профилирует людей, и задокументирована "
        "оценка того, что она не создаёт значительного риска вреда и не влияет существенно на "
        "исход принятия решений, поэтому её применение по Приложению III ({points}) не относится "
        "к высокому риску (ст. 6(3)).",
        "en": "A condition of the exception is met, the system does not profile people, and the "
        "assessment that it does not pose a significant risk of harm and does not materially "
        "influence the outcome of decision making is documented, so its use under Annex III "
        "({points}) is not treated as high-risk (Art 6(3)).",
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
        "kk": "Жүйе III қосымшаның 1, 6 немесе 7-тармағына жатады және құқық қорғау, көші-қон, "
        "баспана беру немесе шекараны басқару салаларында қолданылады, сондықтан ол ЕО "
        "дерекқорының жабық бөлімінде тіркеледі және кейбір мәліметтер заң бойынша "
        "жарияланбайды (49(4)-бап).",
        "ru": "Система относится к пунктам 1, 6 или 7 Приложения III и применяется в сферах "
        "правоохранительной деятельности, миграции, убежища или пограничного контроля, поэтому "
        "она регистрируется в закрытом разделе базы данных ЕС и часть сведений по закону не "
        "публикуется (ст. 49(4)).",
        "en": "The system falls under Annex III, point 1, 6 or 7 and is used in law enforcement, "
        "migration, asylum or border control management, so it is registered in a non-public "
        "section of the EU database and some details are withheld by law (Art 49(4)).",
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
        "kk": "Жүйенің нәтижесіне негізделген шешім өздері үшін заңды немесе соған ұқсас елеулі "
        "салдар туғызатын адамдар жүйенің сол шешімдегі рөлі туралы анық түсініктеме алуға "
        "құқылы (86-бап).",
        "ru": "Люди, для которых решение на основе результатов системы влечёт правовые или "
        "сходные по значимости последствия, имеют право на понятное объяснение роли системы в "
        "этом решении (ст. 86).",
        "en": "People for whom a decision based on the system's output has legal or similarly "
        "significant effects have the right to a clear explanation of the system's role in it "
        "(Art 86).",
    },
    # Fundamental rights impact assessment (Art 27).
    "fria.public": {
        "kk": "Сіз мемлекеттік органсыз немесе мемлекеттік көрсетілетін қызметтерді ұсынатын "
        "жеке ұйымсыз және III қосымшадағы жоғары тәуекелді жүйені қолданасыз, сондықтан алғаш "
        "қолданар алдында оның адамдардың негізгі құқықтарына әсерін бағалауға тиіссіз "
        "(27-бап).",
        "ru": "Вы — орган публичной власти или частная организация, оказывающая публичные "
        "услуги, и применяете высокорисковую систему из Приложения III, поэтому до первого "
        "применения должны оценить её воздействие на основные права людей (ст. 27).",
        "en": "You are a public authority or a private entity providing public services and use "
        "a high-risk system from Annex III, so you must assess its impact on people's "
        "fundamental rights before first use (Art 27).",
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
        "kk": "Жүйе адамдармен тікелей әрекеттеседі, сондықтан жағдайдан анық болмаса, оларға "
        "ЖИ-мен сөйлесіп отырғанын хабарлау қажет (50(1)-бап).",
        "ru": "Система напрямую взаимодействует с людьми, поэтому им нужно сообщать, что они "
        "имеют дело с ИИ, если это не очевидно из обстоятельств (ст. 50(1)).",
        "en": "The system interacts directly with people, so they must be told that they are "
        "dealing with an AI, unless this is obvious from the context (Art 50(1)).",
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
        "kk": "Жүйемен жұмыс істейтін немесе оны қадағалайтын қызметкерлердің ЖИ сауаттылығын "
        "қолдау шаралары қабылдануы тиіс (4-бап, Digital Omnibus on AI өзгерткен редакцияда).",
        "ru": "Нужно принимать меры для поддержки грамотности в области ИИ у сотрудников, "
        "которые работают с системой или контролируют её (ст. 4 в редакции Digital Omnibus on "
        "AI).",
        "en": "Measures must be taken to support the AI literacy of staff who operate or oversee "
        "the system (Art 4, as amended by the Digital Omnibus on AI).",
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
        "kk": "Жалпы мақсаттағы модель өз алдына жүйенің тәуекел санатын өзгертпейді; санат "
        "жүйенің қолданылуынан анықталады (6-бап).",
        "ru": "Модель общего назначения сама по себе не меняет класс риска системы; класс "
        "определяется применением системы (ст. 6).",
        "en": "A general-purpose model does not by itself change the risk class of the system; "
        "the class follows from the system's use (Art 6).",
    },
    # Added by the 2026.2 logic: scope, Art 5 as amended, routes, roles and exceptions.
    "out.no_influence": {
        "kk": "Жүйенің нәтижелері физикалық немесе виртуалды ортаға әсер ете алмайды, сондықтан "
        "ол ЖИ жүйесі емес және оған ЕО-ның ЖИ туралы регламенті қолданылмайды (3(1)-бап).",
        "ru": "Результаты системы не могут влиять на физическую или виртуальную среду, поэтому "
        "это не система ИИ и Регламент ЕС об ИИ к ней не применяется (ст. 3(1)).",
        "en": "The system's outputs cannot influence physical or virtual environments, so it is "
        "not an AI system and the EU AI Act does not apply to it (Art 3(1)).",
    },
    "out.pre_market_research": {
        "kk": "ЕО-ның ЖИ туралы регламенті ЖИ жүйелерін нарыққа шығарғанға немесе пайдалануға "
        "бергенге дейінгі зерттеуге, сынауға және әзірлеуге қолданылмайды (2(8)-бап); бұл "
        "ерекшелік нақты жағдайлардағы сынауды қамтымайды, ал жүйе нарыққа шығарылғанда немесе "
        "пайдалануға берілгенде регламент қолданылады.",
        "ru": "Регламент ЕС об ИИ не применяется к исследованиям, испытаниям и разработке систем "
        "ИИ до их выпуска на рынок или ввода в эксплуатацию (ст. 2(8)); это исключение не "
        "охватывает испытания в реальных условиях, а после выпуска на рынок или ввода в "
        "эксплуатацию Регламент применяется.",
        "en": "The EU AI Act does not apply to research, testing or development of AI systems "
        "before they are placed on the market or put into service (Art 2(8)); this exclusion "
        "does not cover testing in real-world conditions, and the Act applies once the system is "
        "placed on the market or put into service.",
    },
    "out.third_country": {
        "kk": "ЕО-ның ЖИ туралы регламенті ЕО-мен немесе оның мүше мемлекеттерімен құқық қорғау "
        "және сот ісі саласындағы халықаралық ынтымақтастық немесе келісімдер аясында ЖИ "
        "жүйелерін қолданатын үшінші елдердің мемлекеттік органдарына қолданылмайды "
        "(2(4)-бап).",
        "ru": "Регламент ЕС об ИИ не применяется к органам публичной власти третьих стран, "
        "которые используют системы ИИ в рамках международного сотрудничества или соглашений с "
        "ЕС или его государствами-членами в сфере правоохранительной деятельности и правосудия "
        "(ст. 2(4)).",
        "en": "The EU AI Act does not apply to public authorities of third countries that use AI "
        "systems in the framework of international cooperation or agreements with the EU or its "
        "Member States for law enforcement and judicial cooperation (Art 2(4)).",
    },
    "out.open_source": {
        "kk": "Жүйе тегін әрі ашық бастапқы код лицензиясымен шығарылған және жоғары тәуекелді "
        "емес, 5 немесе 50-бапқа жатпайды, сондықтан оған ЕО-ның ЖИ туралы регламенті "
        "қолданылмайды (2(12)-бап).",
        "ru": "Система выпущена по свободной лицензии с открытым исходным кодом и не является "
        "высокорисковой, не подпадает под ст. 5 или 50, поэтому Регламент ЕС об ИИ к ней не "
        "применяется (ст. 2(12)).",
        "en": "The system is released under a free and open-source licence and is neither "
        "high-risk nor covered by Art 5 or 50, so the EU AI Act does not apply to it "
        "(Art 2(12)).",
    },
    "open_source.in_scope": {
        "kk": "Жүйе ашық бастапқы код лицензиясымен шығарылған, бірақ ол жоғары тәуекелді немесе "
        "5 не 50-бапқа жатады, сондықтан регламент оған қолданылады (2(12)-бап).",
        "ru": "Система выпущена по лицензии с открытым исходным кодом, но она высокорисковая или "
        "подпадает под ст. 5 или 50, поэтому Регламент к ней применяется (ст. 2(12)).",
        "en": "The system is released under an open-source licence, but it is high-risk or "
        "covered by Art 5 or 50, so the Act applies to it (Art 2(12)).",
    },
    "prohibited.omnibus": {
        "kk": "Жүйе адамның келісімінсіз интимдік бейнелерді немесе балаларға жыныстық "
        "зорлық-зомбылық көрсететін материалдарды жасайды; мұндай жүйелерге 5-бапқа Digital "
        "Omnibus on AI (COM(2025) 836, Ресми журналдағы сілтемесі әлі табылған жоқ) енгізген "
        "тыйым 2026 жылғы 2 желтоқсаннан бастап қолданылады.",
        "ru": "Система создаёт интимные изображения людей без их согласия или материалы "
        "сексуального насилия над детьми; запрет таких систем, который Digital Omnibus on AI "
        "(COM(2025) 836, ссылка на Официальный журнал пока не найдена) вводит в ст. 5, "
        "применяется со 2 декабря 2026 года.",
        "en": "The system generates non-consensual intimate imagery or child sexual abuse "
        "material; the ban on such systems that the Digital Omnibus on AI (COM(2025) 836, "
        "Official Journal reference not yet found) adds to Art 5 applies from 2 December 2026.",
    },
    "high.section_b": {
        "kk": "Жүйе I қосымшаның B бөліміндегі заңнама қолданылатын өнім ретінде ғана жоғары "
        "тәуекелді, сондықтан ЖИ туралы регламенттен оған тек 6(1), 102–109 және 112-баптар "
        "қолданылады (2(2)-бап).",
        "ru": "Система относится к высокому риску только как продукт, подпадающий под "
        "законодательство раздела B Приложения I, поэтому из Регламента об ИИ к ней применяются "
        "только ст. 6(1), 102–109 и 112 (ст. 2(2)).",
        "en": "The system is high-risk only as a product under the legislation in Annex I, "
        "Section B, so only Arts 6(1), 102–109 and 112 of the AI Act apply to it (Art 2(2)).",
    },
    "annex_iii.1b_ban": {
        "kk": "Биометриялық деректер бойынша адамдардың нәсілін, саяси көзқарасын, кәсіподаққа "
        "мүшелігін, дінін не наным-сенімін, жыныстық өмірін немесе жыныстық бағдарын анықтау "
        "үшін санаттарға бөлуге тыйым салынған, ол жоғары тәуекелді қолдану емес "
        "(5(1)(g)-бап); III қосымшаның 1(b)-тармағы басқа сезімтал белгілерге қатысты.",
        "ru": "Категоризация людей по биометрическим данным для определения их расы, "
        "политических взглядов, членства в профсоюзе, религии или убеждений, интимной жизни или "
        "сексуальной ориентации запрещена, а не относится к высокому риску (ст. 5(1)(g)); "
        "пункт 1(b) Приложения III касается других чувствительных признаков.",
        "en": "Sorting people by biometric data to infer their race, political opinions, trade "
        "union membership, religion or beliefs, sex life or sexual orientation is banned, not "
        "high-risk (Art 5(1)(g)); Annex III, point 1(b) covers other sensitive attributes.",
    },
    "high.importer": {
        "kk": "Импорттаушы ретінде сіз жоғары тәуекелді жүйені нарыққа шығарар алдында оның "
        "талаптарға сәйкестігін тексеруге тиіссіз; жеткізуші мен пайдаланушының міндеттері сізге "
        "жүктелмейді (23-бап).",
        "ru": "Как импортёр, вы должны до выпуска высокорисковой системы на рынок проверить её "
        "соответствие; обязанности поставщика и эксплуатанта на вас не возлагаются (ст. 23).",
        "en": "As the importer, you must verify the high-risk system's conformity before placing "
        "it on the market; the provider's and deployer's duties are not yours (Art 23).",
    },
    "high.distributor": {
        "kk": "Дистрибьютор ретінде сіз жоғары тәуекелді жүйені ұсынар алдында оның "
        "таңбалауын, құжаттамасын және нұсқаулығын тексеруге тиіссіз; жеткізуші мен "
        "пайдаланушының міндеттері сізге жүктелмейді (24-бап).",
        "ru": "Как дистрибьютор, вы должны до предложения высокорисковой системы на рынке "
        "проверить её маркировку, документацию и инструкцию; обязанности поставщика и "
        "эксплуатанта на вас не возлагаются (ст. 24).",
        "en": "As the distributor, you must check the high-risk system's marking, documentation "
        "and instructions before making it available; the provider's and deployer's duties are "
        "not yours (Art 24).",
    },
    "high.workplace": {
        "kk": "Жүйе жұмыс орнында қолданылса, оны енгізер алдында қызметкерлерге және олардың "
        "өкілдеріне хабарлау қажет, ол III қосымшаның қай саласына жатса да (26(7)-бап).",
        "ru": "Если система применяется на рабочем месте, до её внедрения нужно проинформировать "
        "работников и их представителей, к какой бы области Приложения III она ни относилась "
        "(ст. 26(7)).",
        "en": "If the system is used at the workplace, workers and their representatives must be "
        "informed before it is put into use, whatever its Annex III area (Art 26(7)).",
    },
    "transparency.crime_exception": {
        "kk": "Жүйені қолдануға қылмыстарды анықтау, алдын алу, тергеу немесе қылмыстық қудалау "
        "үшін заңмен рұқсат етілген, сондықтан 50-баптың (1)–(4)-тармақтарындағы ашықтық "
        "міндеттері оған қолданылмайды (50-бап).",
        "ru": "Применение системы разрешено законом для выявления, предотвращения, "
        "расследования или уголовного преследования преступлений, поэтому обязанности "
        "прозрачности из пунктов 1–4 ст. 50 к ней не применяются (ст. 50).",
        "en": "The system's use is authorised by law to detect, prevent, investigate or "
        "prosecute criminal offences, so the transparency duties of Art 50(1) to 50(4) do not "
        "apply to it (Art 50).",
    },
    "transparency.other_role": {
        "kk": "50-баптың кейбір міндеттерін басқа тарап атқарады: 50(1) және 50(2)-тармақтар "
        "жеткізушіге, 50(3) және 50(4)-тармақтар пайдаланушыға жүктеледі (50-бап).",
        "ru": "Часть обязанностей по ст. 50 несёт другая сторона: пункты 50(1) и 50(2) — "
        "поставщик, пункты 50(3) и 50(4) — эксплуатант (ст. 50).",
        "en": "Some of these Art 50 duties fall on another party: 50(1) and 50(2) on the "
        "provider, 50(3) and 50(4) on the deployer (Art 50).",
    },
    "gpai.systemic_provider": {
        "kk": "Модельдің жүйелік тәуекелі бар, сондықтан оның жеткізушісі ретінде сіз модельді "
        "бағалауға, қарсыласу тестілеуін жүргізуге, елеулі оқиғалар туралы хабарлауға және "
        "киберқауіпсіздікті қамтамасыз етуге тиіссіз (51-бап, 55-бап).",
        "ru": "Модель обладает системным риском, поэтому как её поставщик вы должны проводить её "
        "оценку и состязательное тестирование, сообщать о серьёзных инцидентах и обеспечивать "
        "кибербезопасность (ст. 51, ст. 55).",
        "en": "The model has systemic risk, so as its provider you must evaluate it, run "
        "adversarial testing, report serious incidents and ensure cybersecurity (Art 51, "
        "Art 55).",
    },
    "gpai.systemic_other": {
        "kk": "Модельдің жүйелік тәуекелі бар; бұған байланысты қосымша міндеттер модель "
        "жеткізушісіне жүктеледі (55-бап).",
        "ru": "Модель обладает системным риском; связанные с этим дополнительные обязанности "
        "несёт поставщик модели (ст. 55).",
        "en": "The model has systemic risk; the further duties this brings fall on the model's "
        "provider (Art 55).",
    },
    "gpai.system": {
        "kk": "Бұл жалпы мақсаттағы ЖИ жүйесі, яғни жалпы мақсаттағы ЖИ моделіне негізделген "
        "жүйе; ол басқа ЖИ жүйелері сияқты өз қолданылуына қарай, оның ішінде жоғары тәуекелді "
        "болып жіктеледі (3(66)-бап).",
        "ru": "Это система ИИ общего назначения, то есть система на основе модели ИИ общего "
        "назначения; как и любая система ИИ, она классифицируется по своему применению, в том "
        "числе как высокорисковая (ст. 3(66)).",
        "en": "This is a general-purpose AI system, an AI system based on a general-purpose AI "
        "model; like any AI system it is classified by its use, high-risk included (Art 3(66)).",
    },
}
