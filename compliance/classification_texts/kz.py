"""Plain-language texts of the classification under Kazakhstan's Law "On Artificial
Intelligence" (No. 230-VIII, 17 Nov 2025), in Kazakh, Russian and English.

Each rationale sentence cites the Law as "(Law on AI, Art N)" / «(Закон об ИИ, ст. N)» /
«(ЖИ туралы заң, N-бап)». Placeholders: `{degree}`, `{who}`, `{capability}`. Nothing here goes
beyond the reference summary of the Law; where that summary rests on secondary sources, the
rationale says so once per outcome (`kz.unconfirmed`, `kz.unconfirmed.bans`). Owner and holder are
«собственник» / «владелец» and «меншік иесі» / «иегер»; public services are «мемлекеттік
көрсетілетін қызметтер».
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from register.vocabulary import Translations

# Art 17(1): each degree with what a failure or termination of the system would cause.
KZ_RISK_DEGREE_TEXTS: Final[Mapping[str, Translations]] = {
    "minimal": {
        "kk": "ең төмен (жүйенің істен шығуы пайдаланушыларға аз әсер етеді)",
        "ru": "минимальная (сбой системы мало влияет на пользователей)",
        "en": "minimal (a failure of the system has little effect on its users)",
    },
    "medium": {
        "kk": "орташа (жүйенің істен шығуы пайдаланушылардың тиімділігін төмендетеді немесе "
        "оларға моральдық не материалдық зиян келтіреді)",
        "ru": "средняя (сбой системы снижает эффективность пользователей или причиняет им "
        "моральный либо материальный вред)",
        "en": "medium (a failure of the system makes its users less efficient or causes them "
        "moral or material harm)",
    },
    "high": {
        "kk": "жоғары (жүйенің істен шығуы төтенше жағдайға немесе қорғанысқа, қауіпсіздікке, "
        "халықаралық қатынастарға, экономикаға, инфрақұрылымға не адамдардың тыныс-тіршілігіне "
        "елеулі зиянға әкеледі)",
        "ru": "высокая (сбой системы ведёт к чрезвычайной ситуации или серьёзному ущербу обороне, "
        "безопасности, международным отношениям, экономике, инфраструктуре или "
        "жизнедеятельности людей)",
        "en": "high (a failure of the system leads to an emergency or to serious harm to "
        "defence, security, foreign relations, the economy, infrastructure or people's "
        "livelihoods)",
    },
}

# Art 17(2).
KZ_AUTONOMY_TEXTS: Final[Mapping[str, Translations]] = {
    "low": {
        "kk": "төмен (соңғы шешімді әрқашан адам қабылдайды)",
        "ru": "низкая (окончательное решение всегда принимает человек)",
        "en": "low (a person always makes the final decision)",
    },
    "medium": {
        "kk": "орташа (жүйе шешім қабылдайды, адам оны түзете немесе жоя алады)",
        "ru": "средняя (система принимает решение, человек может его исправить или отменить)",
        "en": "medium (the system decides, and a person can correct or cancel the decision)",
    },
    "high": {
        "kk": "жоғары (адамның түзетуі мүмкін емес)",
        "ru": "высокая (исправление человеком невозможно)",
        "en": "high (no human correction is possible)",
    },
}

# Art 17(3), as the noun phrase that follows "banned capability:".
KZ_CAPABILITIES: Final[Mapping[str, Translations]] = {
    "manipulation": {
        "kk": "адамдардың мінез-құлқын бұрмалайтын сана астындағы немесе манипуляциялық әдістер",
        "ru": "подсознательные или манипулятивные приёмы, искажающие поведение людей",
        "en": "subconscious or manipulative techniques that distort people's behaviour",
    },
    "vulnerability": {
        "kk": "адамдардың жасына, мүгедектігіне, денсаулығына немесе әлеуметтік жағдайына "
        "байланысты осалдығын пайдалану",
        "ru": "использование уязвимости людей из-за возраста, инвалидности, здоровья или "
        "социального положения",
        "en": "exploiting people's vulnerability due to their age, disability, health or social "
        "status",
    },
    "social_scoring": {
        "kk": "адамдарды әлеуметтік мінез-құлқы немесе жеке қасиеттері бойынша бағалау немесе "
        "жіктеу",
        "ru": "оценка или классификация людей по их социальному поведению или личным качествам",
        "en": "scoring or classifying people by their social behaviour or personal traits",
    },
    "unlawful_personal_data": {
        "kk": "дербес деректерді заңсыз жинау немесе өңдеу",
        "ru": "незаконный сбор или обработка персональных данных",
        "en": "collecting or processing personal data unlawfully",
    },
    "biometric_discrimination": {
        "kk": "биометриялық деректер негізінде кемсітушілік жіктеу",
        "ru": "дискриминационная классификация на основе биометрических данных",
        "en": "discriminatory classification based on biometric data",
    },
    "emotion_without_consent": {
        "kk": "заңда рұқсат етілген жағдайлардан басқа, адамның келісімінсіз эмоцияларын анықтау",
        "ru": "определение эмоций человека без его согласия, кроме случаев, разрешённых законом",
        "en": "detecting a person's emotions without their consent, unless a law allows it",
    },
    "unlawful_results": {
        "kk": "заңмен тыйым салынған нәтижелерді жасау немесе тарату",
        "ru": "создание или распространение результатов, запрещённых законом",
        "en": "creating or spreading results that the law prohibits",
    },
}

# Obligation titles under the Law, keyed by the article reference the outcome carries.
KZ_OBLIGATION_TITLES: Final[Mapping[str, Translations]] = {
    "15": {
        "kk": "Меншік иесі мен иегер: белгілі және болжанатын тәуекелдерді басқарыңыз, жүйенің "
        "қауіпсіздігі мен сенімділігін қамтамасыз етіңіз, пайдаланушыларға қолдау көрсетіңіз",
        "ru": "Собственник и владелец: управляйте известными и предсказуемыми рисками, "
        "обеспечьте безопасность и надёжность системы, поддерживайте пользователей",
        "en": "Owner and holder: manage known and foreseeable risks, keep the system secure and "
        "reliable, support its users",
    },
    "16": {
        "kk": "Пайдаланушылардың құқықтары: пайдаланушы келісімімен танысу, құқықтарына әсер "
        "ететін нәтижелерді түсіндіру, шешім негізделген деректер, заң міндетті етпесе, жүйемен "
        "әрекеттесуден бас тарту",
        "ru": "Права пользователей: ознакомление с пользовательским соглашением, объяснение "
        "результатов, затрагивающих их права, данные, на которых основано решение, отказ от "
        "взаимодействия с системой, если закон не делает его обязательным",
        "en": "Users' rights: access to the user agreement, an explanation of results that "
        "affect their rights, the data a decision was based on, and refusal to interact with the "
        "system unless a law makes it mandatory",
    },
    "17": {
        "kk": "Мемлекеттік жүйелерге арналған ақпараттық қауіпсіздік талаптары (аса маңызды "
        "АКТ инфрақұрылымы объектісі немесе мемлекеттік электрондық ақпараттық ресурстарды "
        "құрайтын жоғары тәуекел дәрежесіндегі жүйе)",
        "ru": "Требования информационной безопасности для государственных систем (система "
        "высокой степени риска, являющаяся критически важным объектом ИКТ-инфраструктуры или "
        "формирующая государственные электронные информационные ресурсы)",
        "en": "Information-security requirements for state systems (a high-degree system that "
        "is a critically important ICT infrastructure object or forms state electronic "
        "information resources)",
    },
    "17(1)": {
        "kk": "Жүйенің тәуекел дәрежесін оның істен шығу салдарына қарай ақпараттандыру "
        "объектілерін жіктеу қағидалары бойынша меншік иесі немесе иегер өзі белгілейді",
        "ru": "Собственник или владелец сам определяет степень риска системы по последствиям её "
        "сбоя, по правилам классификации объектов информатизации",
        "en": "The owner or holder assigns the system's risk degree from the consequences of its "
        "failure, under the rules for classifying informatization objects",
    },
    "17(3)": {
        "kk": "Тыйым салынған мүмкіндік: мұндай жүйені жасауға да, пайдалануға да болмайды — "
        "тоқтатыңыз немесе өзгертіңіз",
        "ru": "Запрещённая возможность: такую систему нельзя ни создавать, ни эксплуатировать — "
        "остановите или измените её",
        "en": "Banned capability: such a system may be neither created nor operated; stop or "
        "change it",
    },
    "18": {
        "kk": "Уәкілетті орган бекітетін тізбелер бойынша әсеріне сай құжаттама жүргізіңіз",
        "ru": "Ведите документацию соразмерно воздействию, по перечням, которые утверждает "
        "уполномоченный орган",
        "en": "Keep documentation scaled to the system's impact, per the lists the authorised "
        "body approves",
    },
    "21(1)": {
        "kk": "Пайдаланушыларға тауарлар, жұмыстар немесе қызметтер ЖИ арқылы жасалатынын не "
        "көрсетілетінін хабарлаңыз",
        "ru": "Сообщайте пользователям, что товары, работы или услуги созданы или оказываются с "
        "помощью ИИ",
        "en": "Tell users that goods, works or services are made or provided with AI",
    },
    "21(2)": {
        "kk": "Синтетикалық нәтижелерді машинамен оқылатын белгімен және пайдаланушылар "
        "байқайтын көрінетін ескертумен таратыңыз",
        "ru": "Распространяйте синтетические результаты с машиночитаемой меткой и видимым "
        "предупреждением, которое пользователи могут заметить",
        "en": "Distribute synthetic results only with a machine-readable mark and a visible "
        "warning users can notice",
    },
}

# Rationale sentences under the Law, keyed by the reason they give.
KZ_RATIONALE: Final[Mapping[str, Translations]] = {
    "kz.not_ai": {
        "kk": "Жүйе ЖИ модельдерінде жұмыс істейтін ақпараттандыру объектісі емес, сондықтан "
        "оған Қазақстанның ЖИ туралы заңы қолданылмайды (ЖИ туралы заң, 1-бап).",
        "ru": "Система не является объектом информатизации, работающим на моделях ИИ, поэтому "
        "Закон Казахстана об ИИ к ней не применяется (Закон об ИИ, ст. 1).",
        "en": "The system is not an informatization object running on AI models, so "
        "Kazakhstan's Law on AI does not apply to it (Law on AI, Art 1).",
    },
    "kz.applies": {
        "kk": "Жүйе ЖИ модельдерінде жұмыс істейтін ақпараттандыру объектісі, сондықтан оған "
        "Қазақстанның ЖИ туралы заңы қолданылады (ЖИ туралы заң, 1-бап).",
        "ru": "Система — объект информатизации, работающий на моделях ИИ, поэтому к ней "
        "применяется Закон Казахстана об ИИ (Закон об ИИ, ст. 1).",
        "en": "The system is an informatization object running on AI models, so Kazakhstan's "
        "Law on AI applies to it (Law on AI, Art 1).",
    },
    "kz.applies_precaution": {
        "kk": "Жүйенің ЖИ модельдерінде жұмыс істейтіні әзірге расталмаған, сондықтан сақтық "
        "үшін оған Қазақстанның ЖИ туралы заңы қолданылады деп саналады (ЖИ туралы заң, "
        "1-бап).",
        "ru": "Пока не подтверждено, что система работает на моделях ИИ, поэтому из "
        "предосторожности к ней применяется Закон Казахстана об ИИ (Закон об ИИ, ст. 1).",
        "en": "It is not yet confirmed that the system runs on AI models, so to be safe "
        "Kazakhstan's Law on AI is treated as applying to it (Law on AI, Art 1).",
    },
    "kz.risk.unassigned": {
        "kk": "Жүйенің тәуекел дәрежесі әлі белгіленбеген; оны меншік иесі немесе иегер жүйенің "
        "істен шығу немесе тоқтау салдарына қарай өзі белгілейді (ЖИ туралы заң, 17(1)-бап).",
        "ru": "Степень риска системы ещё не определена; её определяет сам собственник или "
        "владелец по последствиям сбоя или прекращения работы системы (Закон об ИИ, "
        "ст. 17(1)).",
        "en": "No risk degree has been assigned yet; the owner or holder assigns it from the "
        "consequences of the system's failure or termination (Law on AI, Art 17(1)).",
    },
    "kz.risk.assigned": {
        "kk": "Меншік иесі немесе иегер жүйеге мына тәуекел дәрежесін белгіледі: {degree} (ЖИ "
        "туралы заң, 17(1)-бап).",
        "ru": "Собственник или владелец определил степень риска системы: {degree} (Закон об "
        "ИИ, ст. 17(1)).",
        "en": "The owner or holder assigned the system this risk degree: {degree} (Law on AI, "
        "Art 17(1)).",
    },
    "kz.risk.assigned_by": {
        "kk": "Дәрежені белгілеген: {who} (ЖИ туралы заң, 17(1)-бап).",
        "ru": "Степень определил(а): {who} (Закон об ИИ, ст. 17(1)).",
        "en": "The degree was assigned by: {who} (Law on AI, Art 17(1)).",
    },
    "kz.risk.high_unreasoned": {
        "kk": "Жоғары дәреже белгіленген, бірақ жүйенің істен шығу салдары туралы негіздеме "
        "берілмеген; дәреже осы салдар бойынша анықталады, сондықтан негіздемені толтыру қажет "
        "(ЖИ туралы заң, 17(1)-бап).",
        "ru": "Указана высокая степень, но не приведено обоснование последствий сбоя системы; "
        "степень определяется именно по этим последствиям, поэтому обоснование нужно дополнить "
        "(Закон об ИИ, ст. 17(1)).",
        "en": "A high degree was assigned without reasoning about the consequences of the "
        "system's failure; the degree is judged by those consequences, so the reasoning must be "
        "added (Law on AI, Art 17(1)).",
    },
    "kz.autonomy.low": {
        "kk": "Жүйе тек ақпарат береді немесе ұсыныс жасайды, ал соңғы шешімді адам қабылдайды, "
        "сондықтан оның дербестік дәрежесі төмен (ЖИ туралы заң, 17(2)-бап).",
        "ru": "Система только информирует или рекомендует, а окончательное решение принимает "
        "человек, поэтому степень её автономности низкая (Закон об ИИ, ст. 17(2)).",
        "en": "The system only informs or recommends and a person makes the final decision, so "
        "its degree of autonomy is low (Law on AI, Art 17(2)).",
    },
    "kz.autonomy.medium": {
        "kk": "Жүйе шешімді өзі қабылдайды, бірақ адам оны түзете немесе жоя алады, сондықтан "
        "оның дербестік дәрежесі орташа (ЖИ туралы заң, 17(2)-бап).",
        "ru": "Система принимает решение сама, но человек может его исправить или отменить, "
        "поэтому степень её автономности средняя (Закон об ИИ, ст. 17(2)).",
        "en": "The system decides, and a person can correct or cancel the decision, so its "
        "degree of autonomy is medium (Law on AI, Art 17(2)).",
    },
    "kz.autonomy.high": {
        "kk": "Жүйе шешімді өзі қабылдайды және адамның оны түзету мүмкіндігі көрсетілмеген, "
        "сондықтан оның дербестік дәрежесі жоғары (ЖИ туралы заң, 17(2)-бап).",
        "ru": "Система принимает решение сама, и возможность его исправления человеком не "
        "указана, поэтому степень её автономности высокая (Закон об ИИ, ст. 17(2)).",
        "en": "The system decides, and no human correction of the decision is stated, so its "
        "degree of autonomy is high (Law on AI, Art 17(2)).",
    },
    "kz.autonomy.unknown": {
        "kk": "Жүйенің шешімдегі рөлі көрсетілмеген, сондықтан оның дербестік дәрежесін анықтау "
        "мүмкін емес (ЖИ туралы заң, 17(2)-бап).",
        "ru": "Роль системы в решении не указана, поэтому степень её автономности определить "
        "нельзя (Закон об ИИ, ст. 17(2)).",
        "en": "The system's role in decisions is not stated, so its degree of autonomy cannot "
        "be determined (Law on AI, Art 17(2)).",
    },
    "kz.prohibited.capability": {
        "kk": "Жүйеде тыйым салынған мүмкіндік бар: {capability} (ЖИ туралы заң, 17(3)-бап).",
        "ru": "У системы есть запрещённая возможность: {capability} (Закон об ИИ, ст. 17(3)).",
        "en": "The system has a banned capability: {capability} (Law on AI, Art 17(3)).",
    },
    "kz.compare.manipulation": {
        "kk": "Бұл ЕО-ның ЖИ туралы регламентінің 5(1)(a)-бабына ұқсайды, бірақ ЕО тыйымы "
        "елеулі зиянды талап етеді, ал Қазақстан заңында мұндай шек жоқ (5(1)(a)-бап).",
        "ru": "Это похоже на ст. 5(1)(a) Регламента ЕС об ИИ, но запрет ЕС требует значительного "
        "вреда, а в законе Казахстана такого порога нет (ст. 5(1)(a)).",
        "en": "This resembles Art 5(1)(a) of the EU AI Act, but the EU ban requires significant "
        "harm, while Kazakhstan's Law has no such threshold (Art 5(1)(a)).",
    },
    "kz.compare.vulnerability": {
        "kk": "Бұл ЕО-ның ЖИ туралы регламентінің 5(1)(b)-бабына ұқсайды; Қазақстан заңында зиян "
        "шегі жоқ (5(1)(b)-бап).",
        "ru": "Это похоже на ст. 5(1)(b) Регламента ЕС об ИИ; в законе Казахстана нет порога "
        "вреда (ст. 5(1)(b)).",
        "en": "This resembles Art 5(1)(b) of the EU AI Act; Kazakhstan's Law has no harm "
        "threshold (Art 5(1)(b)).",
    },
    "kz.compare.social_scoring": {
        "kk": "Бұл ЕО-ның ЖИ туралы регламентінің 5(1)(c)-бабына ұқсайды, бірақ ЕО тыйымы "
        "тарырақ: ол тек бөгде жағдайларда зиянды қарауға не негізсіз немесе тым қатаң қарауға "
        "әкелетін скорингке қатысты (5(1)(c)-бап).",
        "ru": "Это похоже на ст. 5(1)(c) Регламента ЕС об ИИ, но запрет ЕС уже: он касается "
        "только скоринга, ведущего к неблагоприятному обращению в несвязанных контекстах либо к "
        "неоправданному или несоразмерному обращению (ст. 5(1)(c)).",
        "en": "This resembles Art 5(1)(c) of the EU AI Act, but the EU ban is narrower: it "
        "covers only scoring that leads to detrimental treatment in unrelated contexts or to "
        "unjustified or disproportionate treatment (Art 5(1)(c)).",
    },
    "kz.compare.unlawful_personal_data": {
        "kk": "ЕО-ның ЖИ туралы регламентінде бұған тең тыйым жоқ; ЕО-да мұны дербес деректерді "
        "қорғау заңнамасы реттейді (ЖИ туралы заң, 17(3)-бап).",
        "ru": "В Регламенте ЕС об ИИ равного запрета нет; в ЕС это регулирует законодательство о "
        "защите персональных данных (Закон об ИИ, ст. 17(3)).",
        "en": "The EU AI Act has no equivalent ban; in the EU this is a matter for data "
        "protection law (Law on AI, Art 17(3)).",
    },
    "kz.compare.biometric_discrimination": {
        "kk": "Бұл ЕО-ның ЖИ туралы регламентінің 5(1)(g)-бабына ұқсайды, ол биометриялық "
        "деректер бойынша сезімтал белгілерді анықтайтын санаттауға тыйым салады "
        "(5(1)(g)-бап).",
        "ru": "Это похоже на ст. 5(1)(g) Регламента ЕС об ИИ, которая запрещает категоризацию по "
        "биометрическим данным для определения чувствительных признаков (ст. 5(1)(g)).",
        "en": "This resembles Art 5(1)(g) of the EU AI Act, which bans biometric categorisation "
        "that infers sensitive traits (Art 5(1)(g)).",
    },
    "kz.compare.emotion_without_consent": {
        "kk": "Бұл ЕО-ның ЖИ туралы регламентінің 5(1)(f)-бабына ұқсайды, бірақ ЕО тыйымы тек "
        "жұмыс орны мен білім беруге қатысты, ал Қазақстан заңы келісімге негізделген "
        "(5(1)(f)-бап).",
        "ru": "Это похоже на ст. 5(1)(f) Регламента ЕС об ИИ, но запрет ЕС касается только "
        "работы и образования, а закон Казахстана исходит из согласия (ст. 5(1)(f)).",
        "en": "This resembles Art 5(1)(f) of the EU AI Act, but the EU ban covers only the "
        "workplace and education, while Kazakhstan's Law turns on consent (Art 5(1)(f)).",
    },
    "kz.compare.unlawful_results": {
        "kk": "ЕО-ның ЖИ туралы регламентінде бұған тең тыйым жоқ (ЖИ туралы заң, 17(3)-бап).",
        "ru": "В Регламенте ЕС об ИИ равного запрета нет (Закон об ИИ, ст. 17(3)).",
        "en": "The EU AI Act has no equivalent ban (Law on AI, Art 17(3)).",
    },
    "kz.prohibited.effect": {
        "kk": "Заң мұндай жүйелерді жасауға да, пайдалануға да тыйым салады, сондықтан жүйені "
        "тоқтату немесе өзгерту қажет; заңның басқа міндеттері көрсетілмеген (ЖИ туралы заң, "
        "17(3)-бап).",
        "ru": "Закон запрещает и создание, и эксплуатацию таких систем, поэтому систему нужно "
        "остановить или изменить; другие обязанности по закону не перечислены (Закон об ИИ, "
        "ст. 17(3)).",
        "en": "The Law bans both creating and operating such systems, so the system must be "
        "stopped or changed; the Law's other duties are not listed (Law on AI, Art 17(3)).",
    },
    "kz.unconfirmed.bans": {
        "kk": "Тыйым салынған мүмкіндіктер тізімі қосымша дереккөздерден алынған: оның құқықтық "
        "негізі ресми мәтінмен әлі салыстырылып расталмаған (ЖИ туралы заң, 17(3)-бап).",
        "ru": "Список запрещённых возможностей взят из вторичных источников: его правовая "
        "основа ещё не подтверждена по официальному тексту (Закон об ИИ, ст. 17(3)).",
        "en": "The list of banned capabilities is taken from secondary sources: its legal basis "
        "is not yet confirmed against the official text (Law on AI, Art 17(3)).",
    },
    "kz.infosec.applies": {
        "kk": "Жоғары тәуекел дәрежесіндегі жүйе аса маңызды АКТ инфрақұрылымы объектісі болып "
        "табылады немесе мемлекеттік электрондық ақпараттық ресурстарды құрайды, сондықтан ол "
        "мемлекеттік жүйелерге арналған ақпараттық қауіпсіздік талаптарына сай болуы тиіс (ЖИ "
        "туралы заң, 17-бап).",
        "ru": "Система высокой степени риска является критически важным объектом "
        "ИКТ-инфраструктуры или формирует государственные электронные информационные ресурсы, "
        "поэтому она должна соответствовать требованиям информационной безопасности для "
        "государственных систем (Закон об ИИ, ст. 17).",
        "en": "The high-degree system is a critically important ICT infrastructure object or "
        "forms state electronic information resources, so it must meet the "
        "information-security requirements for state systems (Law on AI, Art 17).",
    },
    "kz.infosec.not_high": {
        "kk": "Жүйе аса маңызды АКТ инфрақұрылымы объектісі болып табылады немесе мемлекеттік "
        "электрондық ақпараттық ресурстарды құрайды, бірақ мемлекеттік жүйелердің ақпараттық "
        "қауіпсіздік талаптары тек жоғары тәуекел дәрежесіне қолданылады (ЖИ туралы заң, "
        "17-бап).",
        "ru": "Система является критически важным объектом ИКТ-инфраструктуры или формирует "
        "государственные электронные информационные ресурсы, но требования информационной "
        "безопасности для государственных систем применяются только при высокой степени риска "
        "(Закон об ИИ, ст. 17).",
        "en": "The system is a critically important ICT infrastructure object or forms state "
        "electronic information resources, but the information-security requirements for state "
        "systems apply only at the high risk degree (Law on AI, Art 17).",
    },
    "kz.transparency.21(1)": {
        "kk": "Пайдаланушыларға тауарлар, жұмыстар немесе қызметтер ЖИ арқылы жасалатынын не "
        "көрсетілетінін хабарлау қажет; бұл тек чат-боттарға емес, адамдарға қызмет көрсететін "
        "кез келген жүйеге қатысты (ЖИ туралы заң, 21(1)-бап).",
        "ru": "Пользователям нужно сообщать, что товары, работы или услуги созданы или "
        "оказываются с помощью ИИ; это касается любой системы, которая обслуживает людей, а не "
        "только чат-ботов (Закон об ИИ, ст. 21(1)).",
        "en": "Users must be told that goods, works or services are made or provided with AI; "
        "this covers every system that serves people, not only chatbots (Law on AI, Art 21(1)).",
    },
    "kz.transparency.21(2)": {
        "kk": "Жүйе синтетикалық нәтижелер жасайды, сондықтан оларды машинамен оқылатын "
        "белгімен және пайдаланушылар байқайтын көрінетін ескертумен ғана таратуға болады (ЖИ "
        "туралы заң, 21(2)-бап).",
        "ru": "Система создаёт синтетические результаты, поэтому распространять их можно только "
        "с машиночитаемой меткой и видимым предупреждением, которое пользователи могут заметить "
        "(Закон об ИИ, ст. 21(2)).",
        "en": "The system produces synthetic results, so they may be distributed only with both "
        "a machine-readable mark and a visible warning users can notice (Law on AI, Art 21(2)).",
    },
    "kz.transparency.synthetic_definition": {
        "kk": "Жүйе мазмұн жасайды; заң бойынша синтетикалық нәтиже — нақты адамның келбетіне, "
        "дауысына не мінез-құлқына немесе болмаған оқиғаларға еліктейтін мазмұн, сондықтан "
        "таңбалау талабы қолданылатынын тексеріңіз (ЖИ туралы заң, 1-бап, 21(2)-бап).",
        "ru": "Система создаёт контент; по закону синтетический результат — это контент, "
        "имитирующий внешность, голос или поведение реального человека или события, которых не "
        "было, поэтому проверьте, применяется ли требование маркировки (Закон об ИИ, ст. 1, "
        "ст. 21(2)).",
        "en": "The system generates content; under the Law a synthetic result is one that "
        "imitates a real person's looks, voice or behaviour or events that never happened, so "
        "check whether the marking duty applies (Law on AI, Art 1, Art 21(2)).",
    },
    "kz.rights": {
        "kk": "Пайдаланушылар өз құқықтарына әсер ететін нәтижелерді түсіндіруді, шешім "
        "негізделген деректерді талап етуге және заң міндетті етпесе, жүйемен әрекеттесуден бас "
        "тартуға құқылы (ЖИ туралы заң, 16-бап).",
        "ru": "Пользователи вправе получить объяснение результатов, затрагивающих их права, "
        "запросить данные, на которых основано решение, и отказаться от взаимодействия с "
        "системой, если закон не делает его обязательным (Закон об ИИ, ст. 16).",
        "en": "Users have the right to an explanation of results that affect their rights, to "
        "the data a decision was based on, and to refuse to interact with the system unless a "
        "law makes it mandatory (Law on AI, Art 16).",
    },
    "kz.duties": {
        "kk": "Меншік иесі мен иегер тәуекелдерді басқаруға, жүйенің қауіпсіздігі мен "
        "сенімділігін қамтамасыз етуге және уәкілетті орган бекітетін тізбелер бойынша құжаттама "
        "жүргізуге тиіс (ЖИ туралы заң, 15-бап, 18-бап).",
        "ru": "Собственник и владелец должны управлять рисками, обеспечивать безопасность и "
        "надёжность системы и вести документацию по перечням, которые утверждает "
        "уполномоченный орган (Закон об ИИ, ст. 15, ст. 18).",
        "en": "The owner and the holder must manage risks, keep the system secure and reliable, "
        "and keep documentation per the lists the authorised body approves (Law on AI, Art 15, "
        "Art 18).",
    },
    "kz.unconfirmed": {
        "kk": "Меншік иесі мен иегердің міндеттері және ашықтық міндетін кім атқаратыны қосымша "
        "дереккөздерден алынған: олардың құқықтық негізі ресми мәтінмен әлі салыстырылып "
        "расталмаған (ЖИ туралы заң, 15-бап, 18-бап, 21-бап).",
        "ru": "Обязанности собственника и владельца и то, кто несёт обязанность прозрачности, "
        "взяты из вторичных источников: их правовая основа ещё не подтверждена по официальному "
        "тексту (Закон об ИИ, ст. 15, ст. 18, ст. 21).",
        "en": "The duties of the owner and holder, and who bears the transparency duty, are "
        "taken from secondary sources: their legal basis is not yet confirmed against the "
        "official text (Law on AI, Art 15, Art 18, Art 21).",
    },
}
