"""Demo data: the three real IOP documents in shared/seeds as plain Python data.

Sources (ground truth):
- bostad-forst-street-minds-2023.md: huvudavtal SOF 2023/202, socialförvaltningen and Street Minds.
- ensamkommande-2019.txt (OCR, spelling corrected): överenskommelse 2.11.6-167/2019, four NGOs.
- ensamkommande-forlangning-2023.txt: tjänsteutlåtande to socialnämnden 2023-12-12.

Texts are verbatim from the documents, with OCR errors and obvious misspellings corrected
("lyhörddhet", "längs", "Erbjudna", "stadsmision", "Rädta") and organisation names in their
official form (Rädda Barnen, Svenska Röda Korset). Section numbers are dropped from clause
headings; footnotes of the 2019 text are kept as "Källa: ..." / "Fotnot: ..." paragraphs.
Texts shared by both agreements, or too long to read inline, are module constants (_NAME).
No names or identity numbers of people helped; only officials who signed or attested.
"""

# ILLUSTRATIVE VALUES (not in the source documents; a loader may flag them):
# - bankgiro/plusgiro of every organisation: left "" (the seeds give none).
# - ORGANISATIONS[*]["description"] except Street Minds': short texts derived from the documents.
# - PARTNERSHIPS[*]["annexes"][*]: start_date, end_date, description, commitments and
#   compensation (the bilagor themselves are not in the seeds; titles, numbers and the 2019 dnr
#   are real). Compensation amounts are round made-up figures.
# - bostad-forst signatory place "Stockholm".
# - ensamkommande later_history: the 2020 one-year extension (implied, not documented) and its
#   date; Barnrättsbyrån's leaving date; the 2021 agreement's period (2021-09-01..2023-12-31);
#   the 2022-01-01 date of the target-group change; the 2024-06-30 ending is as planned in the
#   tjänsteutlåtande. Only 2023-12-12 and the dnr/titles come straight from the documents.
# - GROUPS: cadence_initial_period_months, cadence_later_months, chair_term_months, and the
#   cooperation groups' cadence (the agreements say only "med lämpligt intervall").
# Inline comments marked ILLUSTRATIVE point at the same values.

from datetime import date
from decimal import Decimal

# Hand-wrapped data: keep `ruff format` from reflowing it (it would make it half again as long).
# fmt: off

# Texts used more than once or too long to read inline ------------------------------------------

_GRUND_BULLETS = (
    "- Ta ställning och verka för demokratin som samhällssystem, jämställdhet, mångfald och alla "
    "människors lika värde.\n- Ta avstånd från våldsbejakande uttryck och åsikter.\n- Inte "
    "samverka med, eller anlita, organisationer eller personer som uttrycker åsikter i strid med "
    "ovanstående två punkter.\n- Verka för likabehandling och aktivt motverka all form av "
    "diskriminering, mobbning, kränkande behandling och kriminell verksamhet.\n- Ha en "
    "demokratisk struktur där medlemmarna får komma till tals.\n- Erbjuda brukare och deltagare "
    "möjlighet till inflytande över, och att lämna synpunkter på, verksamheten.\n- Ha upprättat "
    "stadgar och vara icke vinstdrivande.\n- Ha en ordnad ekonomi och inte befinna sig på "
    "obestånd.\n- Ha ett bankgiro eller plusgiro registrerat i föreningens namn.\n- Följa lagar "
    "och föreskrifter.\n- Ha rutiner för att undvika jäv vid beslutsfattande. Föreningen ska "
    "följa bestämmelserna om jäv i lag (2018:672) om ekonomiska föreningar."
)

_SAMVERKAN_BULLETS = (
    "- Samverkansgruppen ska mötas regelbundet med lämpligt intervall och utsedd part i "
    "samverkansgruppen ansvarar för gruppens dokumentation. Ansvaret roteras inom "
    "samverkansgruppen.\n- Samverkansgruppen upprättar vid behov förtydligande rutiner och "
    "arbetsflödesbeskrivningar kring de gemensamma åtagandena.\n- Samverkansgruppen ansvarar för "
    "att det sker en gemensam kunskapsinhämtning.\n- Samverkansgruppen representanter ska "
    "säkerställa att åtagandena utförs enligt överenskommelsen i partnerskapet.\n- "
    "Samverkansgruppen representanter ska lösa eventuellt uppkomna problem av praktisk natur i "
    "verksamheterna.\n- Samverkansgruppen ska löpande informera styrgruppen om händelser och "
    "eventuella förändringar i verksamheterna till styrgruppen och vid behov lyfta frågor till "
    "styrgruppen för beslut.\n- Samverkansgruppen lämnar vid två tillfällen per 12-månadersperiod "
    "en skriftlig rapport till styrgruppen om partnerskapets läge och utveckling utifrån "
    "inlämnade verksamhetsrapporter.\n- Samverkansgruppen tillämpar majoritetsbeslut och varje "
    "representant har en röst."
)

_INFORMATION_DISSEMINATION = (
    "Vid eventuella uttalanden ska det tydligt framgå att det är den enskilda organisationen som "
    "uttalar sig."
)

_CHANGES = (
    "Ändringar och tillägg till partnerskapet inklusive bilagor ska vara skriftliga och "
    "undertecknade av behöriga parter för att vara giltiga."
)

_DISPUTE = (
    "Om tvist uppstår ska dessa i första hand lösas genom dialog mellan parterna. Det är "
    "styrgruppen som ansvarar för att dialog och omförhandling sker om part begär det eller om "
    "det annars är påkallat."
)

_STREET_MINDS_DESCRIPTION = (
    "Street Minds är icke vinstdrivande, politiskt obundet och arbetar utifrån alla människors "
    "lika värde. Street Minds är en ideell förening med syfte att förbättra situationen för "
    "personer som lever i ekonomisk och social utsatthet. Föreningen har god kännedom och "
    "erfarenhet av målgruppen för Bostad Först och bedöms också ha hög trovärdighet bland "
    "målgruppen."
)

_BF_ACTORS_INTRO = (
    "Detta partnerskap är upprättat mellan:\n\n"
    "Offentlig sektor: Stockholms stad, socialförvaltningen, genom avdelningen för "
    "stadsövergripande sociala frågor, kompetenscenter vuxna. Organisationsnummer 212000-0142\n\n"
    "Idéburen sektor: Street Minds, organisationsnummer 802524-2879. "
)

_BF_BACKGROUND = (
    "Nulägesbeskrivning\n\n"
    "Bostad Först är sedan 2016 en permanent verksamhet inom Socialförvaltningen och har i "
    "uppdrag att medverka till processen ur hemlöshet genom att tillhandahålla en långsiktig "
    "boendelösning i form av försökslägenhet, kombinerat med ett individuellt anpassat stöd i "
    "form av case manager, CM. Målet är kvarboende och förbättrad livskvalitet. Målgruppen är "
    "personer som levt i långvarig hemlöshet och har komplexa stödbehov ofta till följd av "
    "missbruk och psykisk funktionsnedsättning.\n\n"
    "Verksamheten har årligen sedan 2017 haft i uppdrag att utöka och utveckla verksamheten för "
    "att möjliggöra att fler får tillgång till insatsen. Enligt Socialnämndens budget för 2023 "
    "ska arbetet med Bostad Först stärkas och utvecklas i syfte att öka antal Bostad "
    "Först-lägenheter. Det finns ca 130 inskrivna brukare.\n\n"
    "I brukarenkäter och i uppföljningssamtal med brukare inom stadens Bostad Först-verksamhet "
    "har det framkommit önskemål om ett återhämtningsinriktat stöd genom meningsfulla "
    "brukarstyrda aktiviteter och sociala sammanhang.\n\n"
    "Socialnämndens uppdrag enligt budget 2023\n\n"
    "Enligt Socialnämndens budget för 2023 ska arbetet med Bostad Först stärkas och utvecklas i "
    "syfte att öka antal Bostad Först-lägenheter."
)

_BF_PURPOSE = (
    "Syftet med partnerskapet är att utveckla Bostad Först-verksamheten och tillhandahålla en "
    "öppen verksamhet i syfte att erbjuda ett flexibelt och tillräckligt omfattande stöd utifrån "
    "principerna om aktivt engagemang och deltagarstyrt stöd, för att omställningen från "
    "långvarig hemlöshet till eget boende ska bli så trygg som möjligt. Verksamheten ska utgöra "
    "ett komplement till det stöd deltagare i Bostad Först får från CM och syftar till att "
    "motverka ensamhet, isolering och sysslolöshet. Verksamheten kommer även vara öppen för "
    "personer som bor i socialförvaltningens försöks- och träningslägenheter samt vara "
    "tillgänglig för personer som har tagit över sin försökslägenhet med målsättning att öka "
    "stabilitet i kvarboende. Den öppna verksamheten kommer även att arbeta uppsökande genom att "
    "tillsammans med CM och boendestödjare arbeta motiverande för att deltagare ska ta del av "
    "verksamhetens innehåll och syfte.\n\n"
    "Målen med partnerskapet är:"
)

_BF_TARGET_GROUP = (
    "Målgruppen för partnerskapet är primärt personer inskrivna i Bostad Först men även personer "
    "som bor i socialförvaltningens försöks- och träningslägenheter. Våren 2023 är det 130 "
    "brukare inskrivna i Bostad Först och cirka 100 brukare i socialförvaltningens försöks- och "
    "träningslägenheter. Majoriteten av brukarna erhåller ekonomiskt bistånd för sin försörjning "
    "och har haft en långvarig kontakt med socialtjänsten i stort. Majoriteten av brukarna har en "
    "längre tids frånvaro av arbete, studier eller annan sysselsättning."
)

_BF_BASIS_INTRO = (
    "Partnerskapet grundas i ett samarbete mellan Street Minds och Stockholms stads "
    "socialförvaltning, genom en öppen verksamhet till personer inskrivna i Bostad Först och "
    "socialförvaltningens försöks- och träningslägenheter. Organisationer som socialförvaltningen "
    "samarbetar med i IOP-samverkan ska:"
)

_BF_VALUES = (
    "Partnerskapet ska grundas på ömsesidig respekt inför parternas olika förutsättningar, "
    "öppenhet och dialog som karaktäriseras av tillit, lyhördhet och förståelse. Vidare bygger "
    "partnerskapet på varsam hantering av de offentliga medel som möjliggör partnerskapet. "
    "Parterna behöver ha en samsyn kring arbetsmetoder och förhållningssätt.\n\n"
    "Den gemensamma värdegrunden för partnerskapet grundas i:\n1. FN:s deklaration om de "
    "mänskliga rättigheterna, som fastslår människors lika värde och lika rättigheter.\n2. "
    "Stockholm stads vision till år 2040. Här fastslås att Stockholm ska vara en stad som håller "
    "samman, klimatsmart, ekonomiskt hållbar, demokratisk hållbar och en stad för alla.\n3. "
    "Stockholms stads program för att motverka hemlöshet 2020-2025.\n4. Om MR-programmet hinner "
    "tas kan det också läggas till"
)

_BF_GENDER_PERSPECTIVE = (
    "Partnerskapet riktar sig till alla inskrivna i Bostad Först och boendeenhetens försöks- och "
    "träningslägenheter oavsett kön. Verksamheten tar hänsyn till varje brukares unika situation "
    "och behov så långt det är möjligt, oavsett kön. Cirka 75 procent av brukarna är män."
)

_BF_CONFIDENTIALITY = (
    "Uppgifter om den enskilde ska hanteras i enlighet med offentlighets- och sekretesslagen samt "
    "dataskyddsförordningen. Dokumentation om den enskilde ska endast vara av relevant betydelse "
    "samt hanteras och bevaras säkert."
)

_BF_SAMVERKAN_INTRO = (
    "Samverkansgruppens syfte är att möjliggöra ett gemensamt erfarenhetsutbyte och sammanställa "
    "information om partnerskapets åtaganden. Samverkansgruppen har beslutsmandat för de "
    "operativa frågorna inom partnerskapet utifrån den inriktning och de mål styrgruppen har "
    "valt. Gruppen utgörs av representanter för partnerskapet inom de specifika åtagandena samt "
    "representanter från socialförvaltningen. Parterna representeras företrädesvis genom sina "
    "verksamhetsansvariga."
)

_BF_CLAUSES = [
    ("Partnerskapets aktörer", _BF_ACTORS_INTRO + _STREET_MINDS_DESCRIPTION),
    ("Partnerskapets form och utgångspunkt", "Parterna ska utgå från politiska beslut som:\n- "
     "Kommunfullmäktiges budget samt mål och inriktningsdokument.\n- Lagstiftningar som berör "
     "målgruppen.\n\n"
     "Partnerskapet reglerar mål, syfte och värdegrund för arbetet med målgruppen. Till detta "
     "övergripande partnerskap knyts specifika åtaganden formulerade i bilaga för Street Minds "
     "och för socialnämndens specifika verksamheter. Åtagandena kan vid behov och över tid "
     "förändras, bytas ut eller helt utgå utan att partnerskapet behöver omförhandlas. Det "
     "gäller under förutsättning att partnerskapets mål, syfte och värdegrund för arbetet med "
     "målgruppen inte förändras. Bakgrund och beslut om förändrade åtaganden ska registreras "
     "och förvaras tillsammans med huvudavtalet. I bilaga beskrivs de specifika åtagandena, "
     "dess innehåll, upplägg, tidsperiod samt ekonomiska förutsättningar. Bilagan utgör en del "
     "av partnerskapet."),
    ("Struktur för partnerskapet", "Parternas åtaganden kompletterar varandra och uppfyller "
     "olika behov hos målgruppen. God samverkan krävs för att nå syfte och åtaganden i "
     "partnerskapet. Med god samverkan menas kontinuerlig information och kommunikation mellan "
     "parterna samt att arbeta för ett gemensamt mål. Parterna ansvarar för att utse "
     "representanter med mandat att fatta beslut till styrgrupp och samverkansgrupp."),
    ("Styrgrupp", "Styrgruppen beslutar om strategiska frågor för partnerskapet, såsom "
     "förändringar i partnerskapets inriktning, mål, omfattning och andra frågor av väsentlig "
     "betydelse. Styrgruppen utgörs av två utsedda representanter på socialförvaltningen samt "
     "en representant från Street Minds. Parterna representeras företrädesvis genom chefer med "
     "mandat från den egna organisationen att fatta beslut i frågor som gäller "
     "partnerskapet.\n- Styrgruppen ansvarar för att det gemensamma målet och att syftet med "
     "partnerskapet följs.\n- Ordförandeskapet är roterande och vem som blir ordförande och "
     "för hur lång tid bestäms vid första styrgruppsmötet. Ordförande ansvarar för kallelse "
     "och dokumentation.\n- Vad samverkansgruppens verksamhetsrapportering ska bestå av och "
     "vilka omständigheter som ska följas upp och statistikföras beslutas vid styrgruppens "
     "första möte.\n- Styrgruppen ska, i början av partnerskapet, ha möte minst varje månad "
     "för att diskutera hur arbetet med partnerskapet går och ta upp eventuella svårigheter "
     "samt vid behov mötas oftare. Därefter väljer styrgruppen om möten ska hållas med annat "
     "intervall.\n- Styrgruppen förhandlar om förändringar av partnerskapet.\n- Styrgruppen "
     "fattar beslut om partnerskapet ska utökas eller minskas med nya idéburna "
     "organisationer.\n- Styrgruppen ansvarar för att förändra inriktning/direktiv till "
     "samverkansgruppen om skäl till det framkommer.\n- Styrgruppen ska informera alla parter "
     "om eventuella förändringar och beslut som fattas.\n- Styrgruppen tillämpar "
     "majoritetsbeslut och varje representant har en röst."),
    ("Samverkansgrupp", _BF_SAMVERKAN_INTRO + "\n" + _SAMVERKAN_BULLETS),
    ("Uppföljning", "Avsikten med uppföljning är att säkra att syftet och målen med "
     "partnerskapet uppnås. Syftet med uppföljningen är även att säkra att offentliga medel "
     "använts till det som är beslutat. Uppföljningen ska ske med utgångspunkt i de mål som "
     "gäller för partnerskapet, samt i sammanställningen över förvaltningens tillförda medel i "
     "respektive organisations bilaga. I uppföljningen ska framgå hur samarbetet har sett ut, "
     "vilka insatser som genomförts samt statistik på hur många som nåtts av den öppna "
     "verksamhetsinsats uppdelat på kön. Styrgruppen ansvarar för att det gemensamma målet och "
     "att syftet med partnerskapet följs."),
    ("Årlig sammanställning", "Samverkansgruppen ska årligen göra en sammanställning av "
     "verksamhetsrapporter som upprättats under året.\n\n"
     "Sammanställningen ska beskriva verksamheten och utgör även underlag för ekonomisk "
     "uppföljning samt granskning. Granskningen är kopplad till bilaga och uppföljning sker av "
     "socialförvaltningen. Rapporten lämnas av socialförvaltningen till socialnämnden i "
     "samband med verksamhetsberättelsen. För att följa upp att partnerskapets mål och syfte "
     "uppfylls kommer bland annat följande ses över och redogöras för i den årliga "
     "sammanställningen:"),
    ("Synpunkter och klagomål", "Rutiner för synpunkts- och klagomålshantering ska finnas i "
     "verksamheten och information avseende detta ska lämnas till deltagande brukare. En "
     "sammanställning av inkomna synpunkter och klagomål ska ingå i den årliga "
     "sammanställningen."),
    ("Period för partnerskapet", "Partnerskapets inledande period är från den 1 juli 2023 till "
     "och med den 30 juni 2024. Därefter förlängs partnerskapet automatiskt med ett halvår i "
     "taget, dock som längst till den 30 juni 2026, om inte överenskommelsen sägs upp av "
     "endera parten senast den 31 december respektive år. Detta förutsatt att medel för "
     "partnerskapet finns och att förutsättningarna för ett partnerskap i övrigt kvarstår."),
    ("Ändringar och tillägg", _CHANGES),
    ("Informationsskyldighet", "Part är skyldig att, vid förändrade omständigheter som "
     "påverkar uppfyllande av åtagande, meddela det omgående till styrgruppen. Om någon av "
     "parterna inte uppfyller villkoren för partnerskapet eller brister i sina åtaganden, "
     "eller om det råder väsentligt förändrade omständigheter ska styrgruppen föra en dialog "
     "om partnerskapet kan fortsätta."),
    ("Ersättning", "Ersättning till Street Minds framgår av bilaga. Om Street Minds inte utför "
     "verksamhet eller i övrigt inte lever upp till krav i överenskommelsen kan "
     "socialförvaltningen stoppa utbetalningar och kräva tillbaka redan utbetalda medel. "
     "Återbetalning kan bli aktuellt om socialförvaltningen, efter skriftväxling med part, "
     "finner att övervägande del av parts åtaganden inte uppfyllts under överenskommen tid."),
    ("Brister", "Om någon inte uppfyller villkoren för partnerskapet eller visar väsentliga "
     "brister i sina åtaganden ska dialog föras i styrgruppen. I dessa fall kan styrgruppen "
     "besluta om en plan för hur uppkomna brister i åtaganden och/eller uppfyllande av villkor "
     "ska åtgärdas. Om parterna, efter åtgärdsplan, inte har kommit till rätta med bristerna "
     "kan styrgruppen besluta att säga upp partnerskapet."),
    ("Uppsägning", "Street Minds har rätt att säga upp sitt åtagande i partnerskapet. "
     "Uppsägningstiden är fyra månader från det att någon part skriftligen sagt upp "
     "partnerskapet till styrgruppen. Vid uppsägning kan Street Minds komma att bli "
     "återbetalningsskyldig för delar eller hela summan som socialförvaltningen har betalat ut "
     "inom ramen för detta partnerskap."),
    ("Hävning", "Socialförvaltningen kan häva partnerskapet med Street Minds om de inte "
     "fullföljer sina åtaganden. Innan hävning görs ska ges möjlighet till rättelse. Om "
     "rättelse inte sker inom skälig tid kan part uteslutas från partnerskapet. Vid händelse "
     "av att avtalet hävs kan den som brustit i åtagande bli återbetalningsskyldig för delar "
     "eller hela summan som socialförvaltningen har betalat ut inom ramen för detta "
     "partnerskap."),
    ("Omförhandling", "Båda parter kan påkalla omförhandling av bestämmelse i det övergripande "
     "partnerskapet. Om betydande avvikelser från åtagandena och budget sker ska parterna, "
     "innan ändringar genomförs, föra en dialog i styrgruppen för beslut om eventuella "
     "ändringar."),
    ("Tvist", _DISPUTE),
    ("Bilagor", "Bilagorna till huvudavtalet med diarienummer SOF 2023/202 innehåller närmare "
     "beskrivningar om Street Minds åtaganden samt annan särskild information som särskilt "
     "berör parten.\n\n"
     "1. Bilaga, Socialförvaltningens verksamheter\n2. Bilaga, Street Minds verksamheter"),
    ("Underskrift", "Partnerskapet är upprättat i två likalydande exemplar där varje part har "
     "tagit var sitt original."),
]

# Where the texts kept as data stand in the agreement (Clause.holds), and the agreement's own
# numbers: (number, heading, holds). Each clause above is placed by its heading. The Bostad
# Först agreement numbers no section but its commercial terms (5.1), so the PDF numbers them
# in order. Its period section is printed from the data (period, extension, funds condition).
_BF_OUTLINE = [
    ("", "Bakgrund", "background"),
    ("", "Partnerskapets aktörer", ""),
    ("", "Partnerskapets form och utgångspunkt", ""),
    ("", "Syfte och mål", "purpose"),
    ("", "Målgrupp", "target_group"),
    ("", "Grund", "basis"),
    ("", "Värdegrund", "values"),
    ("", "Informationsspridning", "information_dissemination"),
    ("", "Jämställdhetsperspektiv", "gender_perspective"),
    ("", "Struktur för partnerskapet", ""),
    ("", "Styrgrupp", "steering_group"),
    ("", "Samverkansgrupp", "cooperation_group"),
    ("", "Uppföljning", ""),
    ("", "Årlig sammanställning", ""),
    ("", "Synpunkter och klagomål", ""),
    ("", "Period för partnerskapet", "period"),
    ("", "Sekretess, tystnadsplikt och orosanmälan", "confidentiality"),
    ("", "Ändringar och tillägg", ""),
    ("", "Informationsskyldighet", ""),
    ("", "Ersättning", ""),
    ("", "Brister", ""),
    ("", "Uppsägning", ""),
    ("", "Hävning", ""),
    ("", "Omförhandling", ""),
    ("", "Tvist", ""),
    ("", "Bilagor", ""),
    ("", "Underskrift", "signatures"),
]

_EK_BACKGROUND = (
    "Barn och ungdomar på flykt\n\n"
    "Till följd av krig, förföljelse, fattigdom, naturkatastrofer och våld tvingas människor att "
    "fly från sina hemländer varje dag. FN uppskattar att cirka 68,5 miljoner människor i "
    "dagsläget befinner sig på flykt världen över vilket är den högsta siffran sedan andra "
    "världskriget. Av dessa 68,5 miljoner människor på flykt är cirka hälften barn och "
    "ungdomar.\n\n"
    "Källa: https://www.migrationsinfo.se/migration/varlden/flyktingar-i-varlden/\n\n"
    "De senaste åren har ett stort antal ensamkommande barn och ungdomar sökt sig till Sverige, "
    "under perioden 2015-2017 sökte cirka 39 000 ensamkommande asyl i landet. Under 2018 sökte "
    "944 ensamkommande asyl i Sverige. Under åren 2014-2015 anvisades 2 387 ensamkommande till "
    "Stockholms stad. Under år 2018 var motsvarande siffra 85 ensamkommande. Många av dessa har "
    "återförenats med sina familjer men än idag finns det många ensamkommande som är i behov av "
    "stöd och hjälp från svenska myndigheter.\n\n"
    "Ensamkommande barn och ungdomar som avviker\n\n"
    "Av de ensamkommande barn och unga som inte beviljas asyl i Sverige finns det en liten grupp "
    "som fortsatt vistas i landet men som inte har kontakt med myndigheter. Det finns ingen exakt "
    "statistik över hur många ensamkommande som avviker eller försvinner från Stockholms stad. "
    "Migrationsverket för statistik över hur många ensamkommande barn och unga som avviker i hela "
    "landet. Under perioden 1 januari 2010 – 31 december 2015, har 1 898 ensamkommande barn och "
    "ungdomar registrerats som avvikna vilket utgör 3,5 procent av det totala antalet som har "
    "registrerats hos Migrationsverket.\n\n"
    "Källa: Länsstyrelsens rapport, Ensamkommande barn som avviker – nulägesanalys, s. 14.\n\n"
    "Socialnämndens uppdrag enligt budget 2019\n\n"
    "I Stockholms stad budget för år 2019 har socialnämnden getts i uppdrag att fortsatt stärka "
    "sitt samarbete med organisationer och föreningar som driver projekt och verksamheter som "
    "riktar sig mot barn och ungdomar, nyanlända, ensamkommande barn och ungdomar, papperslösa "
    "samt personer med osäkra boendeförhållanden. Med anledning av detta förlängs "
    "partnerskapet.\n\n"
    "Ett idéburet offentligt partnerskap mellan socialnämnden (IOP, hädanefter partnerskapet) och "
    "idéburna organisationer bidrar till att förhindra att ensamkommande avviker och/eller länkar "
    "hen tillbaka in i välfärdssamhället."
)

_EK_PURPOSE_REST = (
    "Vidare är syftet att stärka samverkan för att skapa en trygg länkning mellan idéburna "
    "organisationer och myndigheter för målgruppen.\n\n"
    "Med utgångspunkt i socialtjänstlagen och kommunallagens vistelsebegrepp är målet med "
    "partnerskapet att:"
)

_EK_PURPOSE_2019 = (
    "Syftet med partnerskapet är att förbättra målgruppens livssituation i Stockholms stad och "
    "arbeta för att förbättra barnet eller ungdomens livssituation i staden tills barnet eller "
    "ungdomen erhåller uppehållstillstånd eller återvänder till ursprungslandet."
)

_EK_PURPOSE_2022 = (
    "Syftet med partnerskapet är att förbättra målgruppens livssituation i Stockholms stad och "
    "arbeta för att förbättra barnet, ungdomens/den unga vuxnas livssituation fram till att "
    "barnet ungdomen/den unga vuxna erhåller uppehållstillstånd eller återvänder till "
    "ursprungslandet."
)

_EK_TARGET_GROUP_2019 = (
    "Målgruppen är ensamkommande barn och ungdomar till och med 20 år som helt eller delvis står, "
    "eller riskerar att hamna, utanför samhällets insatser. De befinner sig i asylprocessen, har "
    "fått avslag på sin asylansökan eller också har de inte haft kontakt med svenska myndigheter."
)

_EK_DEFINITION = (
    "Definition: I det övergripande partnerskapet och i bilagorna används orden ”unga, ungdom, "
    "ungdomar eller ungdomarna” och med det menas målgruppen."
)

_EK_TARGET_GROUP_2022_ADDITION = (
    "Från och med 2022 omfattar partnerskapet även gruppen vissa unga vuxna upp till 24 år som "
    "omfattas av gymnasielagen."
)

_EK_BASIS_INTRO = (
    "Partnerskapet grundas i ett samarbete mellan idéburna organisationer och Stockholms stads "
    "Socialförvaltning, genom verksamheter som idag kommer i kontakt med ensamkommande på olika "
    "sätt, dessa kallas parter.\n\n"
    "Partnerskapet ska bidra till att skapa ett förtroende mellan den ensamkommande och parterna "
    "genom ett målgruppsanpassat arbete som ska vara proaktivt, samordnat och länkande.\n\n"
    "Organisationer som socialförvaltningen samarbetar med i IOP-samverkan ska:"
)

_EK_VALUES = (
    "Partnerskapet ska grundas på ömsesidig respekt inför parternas olika förutsättningar, "
    "öppenhet och dialog som karaktäriseras av tillit, lyhördhet och förståelse. Vidare bygger "
    "partnerskapet på varsam hantering av de offentliga medel som möjliggör partnerskapet.\n\n"
    "Parterna behöver ha en samsyn kring arbetsmetoder och förhållningssätt. Den gemensamma "
    "värdegrunden tar sig uttryck i bemötandet av varje barn eller ungdom och är en förutsättning "
    "för att lyckas med målet för partnerskapet.\n\n"
    "Den gemensamma värdegrunden för partnerskapet grundas i:\n1. FN:s deklaration om de "
    "mänskliga rättigheterna, som fastslår människors lika värde och lika rättigheter.\n2. FN:s "
    "konvention om barns rättigheter (barnkonventionen), som fastslår att exempelvis flyktingbarn "
    "har rätt till skydd och hjälp samt varje barns rätt till lek, vila och fritid.\n3. Stockholm "
    "stads vision till år 2040. Här fastslås att Stockholm ska vara en stad som håller samman, "
    "klimatsmart, ekonomiskt hållbar, demokratisk hållbar och en stad för alla."
)

_EK_GENDER_PERSPECTIVE = (
    "Partnerskapet riktar sig till barn och ungdomar oavsett kön. Verksamheterna anpassas utifrån "
    "varje ungdoms unika situation och behov så långt det är möjligt, oavsett kön. Exempelvis kan "
    "samtalsforum fördelade på kön komma att bli aktuellt.\n\n"
    "Merparten av de ensamkommande barnen och ungdomarna som sökt asyl i Sverige är pojkar. "
    "Andelen asylsökande ensamkommande flickor har dock ökat från cirka 16 procent år 2012 till "
    "cirka 25 procent år 2018. Bland barnen under 13 år var 33 procent flickor år 2017.\n\n"
    "En kartläggning på nationell nivå visar att andelen ensamkommande flickor som avvek var "
    "lägre än motsvarande andel ensamkommande pojkar.\n\n"
    "Källa: "
    "https://www.lansstyrelsen.se/download/18.691fcf616219e10e9364b8/1526068459518/pa-flykt-och-"
    "f%C3%B6rsvunnen-sammanstallning-av-atgardsforslag.pdf\n\n"
    "Partnerskapets samlade erfarenhet hittills är att det är svårare att nå flickor i "
    "målgruppen. Drygt tio procent av de barn och ungdomar som har nåtts av parternas "
    "verksamheter har hittills varit flickor. Parterna kommer att försöka nå flickorna med "
    "information på olika sätt. Ett sätt är genom filmer riktade till flickor, tänkta att spridas "
    "i sociala medier. Ett annat sätt är att via olika nätverk, verksamheter och organisationer "
    "sprida information i stadens ytterområden."
)

_EK_CONFIDENTIALITY = (
    "Uppgifter om den enskilde ska hanteras i enlighet med offentlighets- och sekretesslagen samt "
    "dataskyddsförordningen. Anmälningsplikt föreligger vid oro för att barn far illa enligt 14 "
    "kap. 1 § socialtjänstlagen. Dokumentation om den enskilde ska endast vara av relevant "
    "betydelse samt hanteras och bevaras säkert."
)

_EK_SAMVERKAN_INTRO = (
    "Samverkansgruppens syfte är att möjliggöra ett gemensamt erfarenhetsutbyte och sammanställa "
    "information om partnerskapets åtaganden.\n\n"
    "Samverkansgruppen har beslutsmandat för de operativa frågorna inom partnerskapet utifrån den "
    "inriktning och de mål styrgruppen har valt. Gruppen utgörs av representanter för "
    "partnerskapet inom de specifika åtagandena samt representanter från socialförvaltningen. "
    "Parterna representeras företrädesvis genom sina verksamhetsansvariga. Socialförvaltningen "
    "representeras av ansvarig enhetschef eller motsvarande."
)

_EK_CLAUSES = [
    ("Partnerskapets aktörer", "Detta partnerskap är upprättat mellan:\n\n"
     "Offentlig sektor: Stockholms stad, Socialförvaltningen, genom enheter inom "
     "socialtjänstavdelningen och administrativa avdelningen.\n\n"
     "Idéburen sektor: Organisationer som är icke vinstdrivande, politiskt obundna och arbetar "
     "utifrån alla människors lika värde. Deras arbete utgör såväl ett mervärde för de "
     "människor de möter, som ett komplement till stadens ordinarie verksamheter genom en form "
     "som det offentliga inte kan erbjuda.\n\n"
     "Idéburen sektor genom:\n- Barnrättsbyrån, organisationsnummer 802490-6771,\n- Rädda "
     "Barnen, organisationsnummer 802002-8638,\n- Svenska Röda Korset, organisationsnummer "
     "802002-8711,\n- Stockholms stadsmission, organisationsnummer 802003-1954."),
    ("Partnerskapets form och utgångspunkt", "Parterna ska utgå från politiska beslut som:\n- "
     "Kommunfullmäktiges budget samt mål och inriktningsdokument.\n- Lagstiftningar som berör "
     "målgruppen.\n\n"
     "Partnerskapet reglerar mål, syfte och värdegrund för arbetet med målgruppen. Till detta "
     "övergripande partnerskap knyts specifika åtaganden formulerade i bilagor för varje "
     "idéburen organisation och för socialnämndens specifika verksamheter. Åtagandena kan vid "
     "behov och över tid förändras, bytas ut eller helt utgå utan att partnerskapet behöver "
     "omförhandlas. Det gäller under förutsättning att partnerskapets mål, syfte och "
     "värdegrund för arbetet med målgruppen inte förändras. Bakgrund och beslut om förändrade "
     "åtaganden ska registreras och förvaras tillsammans med huvudavtalet.\n\n"
     "I bilagorna beskrivs de specifika åtagandena, dess innehåll, upplägg, tidsperiod samt "
     "ekonomiska förutsättningar. Bilagorna utgör en del av partnerskapet."),
    ("Barnets och ungdomens delaktighet", "Inom partnerskapet ska barnets delaktighet "
     "säkerställas i enlighet med artikel 12 i FN:s deklaration om barns rättigheter "
     "(barnkonventionen). Artikel 12 i barnkonventionen utgör en av fyra grundprinciper vid "
     "tolkning och för vägledning när barns rättigheter ska beaktas samt respekteras.\n\n"
     "Genom ett rättighetsbaserat förhållningssätt, utvecklas åtagandena utifrån barnets och "
     "ungdomens behov, i enlighet med FN:s deklaration om mänskliga rättigheter.\n\n"
     "Förhållningssättet innebär:\n- Att barnets bästa ska komma i främsta rummet vid alla "
     "beslut som rör barn.\n- Att varje barn och ungdom ska ges möjlighet till ett "
     "meningsfullt deltagande i verksamheterna.\n- Icke-diskriminering och respekt, ingen ska "
     "diskrimineras på grund av etnicitet, hudfärg, kön, språk, religion, politisk eller annan "
     "uppfattning, nationellt eller socialt ursprung, sexuell läggning, egendom, börd eller "
     "ställning i övrigt.\n- Rättighetsinformation, ungdomarna ska få kunskap om hur de kan "
     "hävda sina rättigheter.\n\n"
     "Fotnot: Förenta nationernas konvention om barnets rättigheter, antogs av FN:s "
     "generalförsamling den 20 november 1989 och ratificerades av Sverige år 1990."),
    ("Uppdateringar i partnerskapet med anledning av ny partnerskapsperiod", "Följande "
     "korrigeringar av partnerskapet under den kommande partnerskapsperioden har skett:\n- "
     "Rädda Barnen har justerat sitt åtagande i partnerskapet för att bättre kunna anpassa "
     "insatser efter målgruppens behov. Det innebär bland annat att mötesplatsen TC-gården "
     "kommer att tillgängliggöras för målgruppen där det kommer att arbetas med psykosocialt "
     "stöd främst genom gruppverksamhet, läs mer i Rädda Barnens bilaga.\n- Svenska Röda "
     "Korset har justerat sitt åtagande i partnerskapet för att bättre kunna anpassa insatser "
     "efter målgruppens behov. Det innebär bland annat att stöd och råd i migrationsprocessen, "
     "sjukvårdsrådgivning och efterforskning av anhöriga kommer att erbjudas i större "
     "utsträckning, läs mer i Svenska Röda Korsets bilaga."),
    ("Metod", "Med metod avses hur parterna inom partnerskapet ska verka för att uppnå syfte "
     "och mål i partnerskapet. Verksamheterna följer riktlinjer och rutiner framtagna inom "
     "partnerskapet, såsom flödesbeskrivningar med mera."),
    ("Struktur för partnerskapet", "Parternas åtaganden kompletterar varandra och uppfyller "
     "olika behov hos målgruppen. God samverkan krävs för att nå syfte och åtaganden i "
     "partnerskapet. Med god samverkan menas kontinuerlig information och kommunikation mellan "
     "parterna samt att arbeta för ett gemensamt mål.\n\n"
     "Varje part ansvarar för att utse representanter med mandat att fatta beslut till "
     "styrgrupp och samverkansgrupp. De idéburna organisationerna utser varsin representant "
     "och Stockholms stads socialförvaltning utser högst tre representanter i respektive "
     "forum.\n\n"
     "Om en ny idéburen organisation träder in i partnerskapet ska den nya idéburna "
     "organisationen acceptera samtliga villkor som gäller i partnerskapet."),
    ("Styrgrupp", "Styrgruppen beslutar om strategiska frågor för partnerskapet, såsom "
     "förändringar i partnerskapets inriktning, mål, omfattning och andra frågor av väsentlig "
     "betydelse. Styrgruppen utgörs av de ansvariga företrädarna för partnerskapet samt "
     "representanter från socialförvaltningen. Parterna representeras företrädesvis genom "
     "chefer med mandat från den egna organisationen att fatta beslut i frågor som gäller "
     "partnerskapet.\n- Styrgruppen ansvarar för att det gemensamma målet och att syftet med "
     "partnerskapet följs.\n- Ordförandeskapet är roterande och vem som blir ordförande och "
     "för hur lång tid bestäms vid första styrgruppsmötet. Ordförande ansvarar för kallelse "
     "och dokumentation.\n- Vad samverkansgruppens verksamhetsrapportering ska bestå av och "
     "vilka omständigheter som ska följas upp och statistikföras beslutas vid styrgruppens "
     "första möte.\n- Styrgruppen ska, i början av partnerskapet, ha möte minst varannan månad "
     "för att diskutera hur arbetet med partnerskapet går och ta upp eventuella svårigheter "
     "samt vid behov mötas oftare. Därefter väljer styrgruppen om möten ska hållas med annat "
     "intervall.\n- Styrgruppen förhandlar om förändringar av partnerskapet.\n- Styrgruppen "
     "fattar beslut om partnerskapet ska utökas eller minskas med nya idéburna "
     "organisationer.\n- Styrgruppen ansvarar för att förändra inriktning/direktiv till "
     "samverkansgruppen om skäl till det framkommer.\n- Styrgruppen ska informera alla parter "
     "om eventuella förändringar och beslut som fattas.\n- Styrgruppen tillämpar "
     "majoritetsbeslut och varje representant har en röst."),
    ("Samverkansgrupp", _EK_SAMVERKAN_INTRO + "\n" + _SAMVERKAN_BULLETS),
    ("Uppföljning", "Avsikten med uppföljning är att säkra att syftet och målen med "
     "partnerskapet uppnås. Syftet med uppföljningen är även att säkra att offentliga medel "
     "använts till det som är beslutat. Uppföljningen ska ske med utgångspunkt i de mål som "
     "gäller för partnerskapet, samt i sammanställningen över förvaltningens tillförda medel i "
     "respektive organisations bilaga."),
    ("Årlig sammanställning", "Samverkansgruppen ska årligen göra en sammanställning av de "
     "verksamhetsrapporter som upprättats under året. Sammanställningen ska beskriva varje "
     "verksamhet och utgör även underlag för ekonomisk uppföljning samt granskning. "
     "Granskningen är kopplad till varje separat bilaga och uppföljning sker av "
     "socialförvaltningen. Rapporten lämnas av socialförvaltningen till socialnämnden i "
     "samband med verksamhetsberättelsen.\n\n"
     "För att följa upp att partnerskapets mål och syfte uppfylls kommer bland annat följande "
     "ses över och redogöras för i den årliga sammanställningen:\n- I vilken utsträckning "
     "partnerskapet bidrar till att lindra nöd för målgruppen.\n- I vilken utsträckning "
     "partnerskapet bidrar till att främja psykisk och fysisk hälsa för målgruppen.\n- I "
     "vilken utsträckning partnerskapet bidrar till att få barn och ungdomar att stanna inom, "
     "eller återvända till, välfärdssystemet igen för att nå långsiktiga lösningar.\n- I "
     "vilken utsträckning partnerskapet bidrar till att förbättra målgruppens livssituation i "
     "Stockholms stad."),
    ("Synpunkter och klagomål", "Rutiner för synpunkts- och klagomålshantering ska finnas i "
     "varje verksamhet och information avseende detta ska lämnas till ungdomen. En "
     "sammanställning av inkomna synpunkter och klagomål ska ingå i den årliga "
     "sammanställningen."),
    ("Period för partnerskapet", "Partnerskapet gäller från den 1 september 2019 till och med "
     "den 31 augusti 2020, förutsatt att medel för partnerskapet finns och att "
     "förutsättningarna för ett partnerskap i övrigt kvarstår.\n\n"
     "Partnerskapet kan förlängas med ett år i taget dock längst till den 31 augusti 2021, om "
     "det inte innan den 31 maj 2021 har sagts upp.\n\n"
     "Vid eventuell förlängning ska parterna skriftligen komma överens om förlängning senast "
     "tre månader före avtalstidens utgång."),
    ("Ändringar och tillägg", _CHANGES),
    ("Informationsskyldighet", "Part är skyldig att, vid förändrade omständigheter som "
     "påverkar uppfyllande av åtagande, meddela det omgående till styrgruppen.\n\n"
     "Om någon av parterna inte uppfyller villkoren för partnerskapet eller brister i sina "
     "åtaganden, eller om det råder väsentligt förändrade omständigheter ska styrgruppen föra "
     "en dialog om partnerskapet kan fortsätta."),
    ("Ersättning", "Ersättning till vardera part framgår av bilagorna. Om en förening inte "
     "utför verksamhet eller i övrigt inte lever upp till krav i överenskommelsen kan "
     "socialförvaltningen stoppa utbetalningar och kräva tillbaka redan utbetalda medel. "
     "Återbetalning kan bli aktuellt om socialförvaltningen, efter skriftväxling med part, "
     "finner att övervägande del av parts åtaganden inte uppfyllts under överenskommen tid."),
    ("Brister", "Om någon av aktörerna inte uppfyller villkoren för partnerskapet eller visar "
     "väsentliga brister i sina åtaganden ska dialog föras i styrgruppen. I dessa fall kan "
     "styrgruppen besluta att aktör ska komma in med en plan för hur uppkomna brister i "
     "åtaganden och/eller uppfyllande av villkor ska åtgärdas. Om aktör, efter åtgärdsplan, "
     "fortfarande inte uppfyller villkoren eller inte har kommit till rätta med bristerna kan "
     "styrgruppen besluta att säga upp aktören från partnerskapet."),
    ("Uppsägning", "Part har rätt att säga upp sitt åtagande i partnerskapet. Uppsägningstiden "
     "är fyra månader från det att någon part skriftligen sagt upp partnerskapet till "
     "styrgruppen.\n\n"
     "Vid uppsägning kan part komma att bli återbetalningsskyldig för delar eller hela summan "
     "som socialförvaltningen har betalat ut inom ramen för detta partnerskap."),
    ("Hävning", "Socialförvaltningen kan häva partnerskapet med enskild förening om en denne "
     "inte fullföljer sina åtaganden. Innan hävning görs ska bristande part ges möjlighet till "
     "rättelse. Om rättelse inte sker inom skälig tid kan part uteslutas från "
     "partnerskapet.\n\n"
     "Vid händelse av att avtalet hävs kan den part som brustit i åtagande bli "
     "återbetalningsskyldig för delar eller hela summan som socialförvaltningen har betalat ut "
     "inom ramen för detta partnerskap."),
    ("Omförhandling", "Samtliga parter kan påkalla omförhandling av bestämmelse i det "
     "övergripande partnerskapet. Om betydande avvikelser från åtagandena och budget sker ska "
     "parterna, innan ändringar genomförs, föra en dialog i styrgruppen för beslut om "
     "eventuella ändringar."),
    ("Tvist", _DISPUTE),
    ("Bilagor", "Bilagorna till huvudavtalet med diarienummer 2.11.6-167/2019 innehåller "
     "närmare beskrivningar om respektive parts åtaganden samt annan särskild information som "
     "särskilt berör parten.\n\n"
     "1. Bilaga Barnrättsbyrån, dnr 2.11.6-221/2019\n2. Bilaga Rädda Barnen, dnr "
     "2.11.6-222/2019\n3. Bilaga Stockholms stads socialnämnd, dnr 2.11.6-223/2019\n4. Bilaga "
     "Stockholms stadsmission, dnr 2.11.6-224/2019\n5. Bilaga Röda Korset, dnr 2.11.6-225/2019"),
    ("Underskrift", "Partnerskapet är upprättat i fem likalydande exemplar där varje part har "
     "tagit var sitt original. Om ny part tillkommer under perioden ska bilaga bifogas till "
     "det övergripande partnerskapet."),
]

_DECISION_POINT_3 = (
    "Socialnämnden ger socialdirektören rätt att besluta om eventuella förändringar av åtaganden "
    "inom partnerskapet, under förutsättning att partnerskapets mål, syfte eller värdegrund inte "
    "förändras."
)

_DECISION_POINT_4 = (
    "Socialnämnden ger socialdirektören rätt att besluta om att stoppa utbetalning och kräva "
    "tillbaka utbetalda medel till förening i partnerskapet i enlighet med förutsättningar som "
    "finns stadgade i huvudavtalet."
)

_CASE_SUMMARY = (
    "Det idéburna offentliga partnerskap (IOP) som socialförvaltningen har tillsammans med "
    "Stockholms stadsmission, Svenska Röda Korset och Rädda Barnen sedan 2017 ska förlängas till "
    "och med juni 2024 för att sedan avslutas i sin nuvarande form.\n\n"
    "Syftet med partnerskapet har varit att förbättra målgruppens livssituation i Stockholms stad "
    "och arbeta för att förbättra barnet, ungdomens/den unga vuxnas livssituation fram till att "
    "barnet ungdomen/den unga vuxna erhåller uppehållstillstånd eller återvänder till "
    "ursprungslandet.\n\n"
    "Organisationerna informerade bland annat i sin årsrapport för 2022 att verkställighetstopp "
    "för utvisning till Afghanistan och lagändringar som genomförts under partnerperioden har "
    "haft en påverkan på målgruppen. En del individer har fått uppehållstillstånd och länkats in "
    "i samhället medan andra väntar på besked om uppehållstillstånd och en del individer har fått "
    "avslag och lämnat landet eller befinner sig i en tillvaro som papperslös. Det finns "
    "fortsatta behov av att stödja individer i målgruppen inom ordinarie stödstrukturer med "
    "exempelvis bostadssökande, stöd för pågående missbruk och/eller psykisk ohälsa.\n\n"
    "En utredning ska genomföras tillsammans med organisationerna för att inventera behov hos "
    "individer i målgruppen och vilka aktörer som kan delta i samverkan. Vidare också i vilken "
    "form samverkan ska fortgå efter 1 juli 2024."
)


# Street Minds' description is verbatim from the Bostad Först agreement; the other descriptions are
# derived from the documents (ILLUSTRATIVE).
ORGANISATIONS = [
    {"key": "sof", "kind": "public", "name": "Stockholms stad, socialförvaltningen",
     "org_number": "212000-0142", "bankgiro": "", "plusgiro": "",
     "description": "Socialförvaltningen i Stockholms stad, offentlig part i stadens idéburna "
         "offentliga partnerskap. Företräds i varje partnerskap genom den avdelning eller de "
         "enheter som avtalet anger. Avtal och bilagor beslutas av socialnämnden."},
    {"key": "streetminds", "kind": "ngo", "name": "Street Minds", "org_number": "802524-2879",
     "bankgiro": "", "plusgiro": "", "description": _STREET_MINDS_DESCRIPTION},
    {"key": "barnrattsbyran", "kind": "ngo", "name": "Barnrättsbyrån", "org_number": "802490-6771",
     "bankgiro": "", "plusgiro": "",
     "description": "Idéburen organisation. Part i partnerskapet för ensamkommande barn och "
         "ungdomar enligt överenskommelsen 2019 (dnr 2.11.6-167/2019); ingick i samverkan från "
         "början men är inte part i överenskommelsen 2021."},
    {"key": "raddabarnen", "kind": "ngo", "name": "Rädda Barnen", "org_number": "802002-8638",
     "bankgiro": "", "plusgiro": "",
     "description": "Idéburen organisation. Part i partnerskapet för ensamkommande barn och "
         "ungdomar sedan 2017; tillgängliggör mötesplatsen TC-gården för målgruppen med "
         "psykosocialt stöd främst genom gruppverksamhet."},
    {"key": "rodakorset", "kind": "ngo", "name": "Svenska Röda Korset",
     "org_number": "802002-8711", "bankgiro": "", "plusgiro": "",
     "description": "Idéburen organisation. Part i partnerskapet för ensamkommande barn och "
         "ungdomar sedan 2017; erbjuder stöd och råd i migrationsprocessen, sjukvårdsrådgivning "
         "och efterforskning av anhöriga."},
    {"key": "stadsmission", "kind": "ngo", "name": "Stockholms stadsmission",
     "org_number": "802003-1954", "bankgiro": "", "plusgiro": "",
     "description": "Idéburen organisation. Part i partnerskapet för ensamkommande barn och "
         "ungdomar sedan 2017."},
]



# The 2019 agreement's own numbers, as signed (2.8 stands after 2.1; there is no 2.10).
_EK_OUTLINE = [
    ("1", "Bakgrund", "background"),
    ("2.1", "Partnerskapets aktörer", ""),
    ("2.8", "Partnerskapets form och utgångspunkt", ""),
    ("2.2", "Syfte och mål", "purpose"),
    ("2.3", "Målgrupp", "target_group"),
    ("2.4", "Grund", "basis"),
    ("2.5", "Värdegrund", "values"),
    ("2.6", "Barnets och ungdomens delaktighet", ""),
    ("2.7", "Uppdateringar i partnerskapet med anledning av ny partnerskapsperiod", ""),
    ("2.9", "Metod", ""),
    ("2.11", "Informationsspridning", "information_dissemination"),
    ("2.12", "Jämställdhetsperspektiv", "gender_perspective"),
    ("3", "Struktur för partnerskapet", ""),
    ("3.1", "Styrgrupp", "steering_group"),
    ("3.2", "Samverkansgrupp", "cooperation_group"),
    ("4", "Uppföljning", ""),
    ("4.1", "Årlig sammanställning", ""),
    ("4.2", "Synpunkter och klagomål", ""),
    ("5.1", "Period för partnerskapet", "period"),
    ("5.2", "Sekretess, tystnadsplikt och orosanmälan", "confidentiality"),
    ("5.3", "Ändringar och tillägg", ""),
    ("5.4", "Informationsskyldighet", ""),
    ("5.5", "Ersättning", ""),
    ("5.6", "Brister", ""),
    ("5.7", "Uppsägning", ""),
    ("5.8", "Hävning", ""),
    ("5.9", "Omförhandling", ""),
    ("5.10", "Tvist", ""),
    ("5.11", "Bilagor", ""),
    ("6", "Underskrift", "signatures"),
]
# What the period section says beyond the data: a one-off notice date.
_EK_PERIOD_NOTE = "Partnerskapet förlängs inte om det innan den 31 maj 2021 har sagts upp."

PARTNERSHIPS = [
    {"key": "bostad-forst", "title": "Bostad Först – öppen verksamhet med Street Minds",
     "registration_number": "SOF 2023/202", "status": "active", "start_date": date(2023, 7, 1),
     "end_date": date(2024, 6, 30), "extension_kind": "automatic", "extension_months": 6,
     "extension_last_date": date(2026, 6, 30), "notice_day": 31, "notice_month": 12,
     "agreement_months_before_end": None, "funds_condition": True, "party_notice_months": 4,
     "background": _BF_BACKGROUND, "purpose": _BF_PURPOSE, "target_group": _BF_TARGET_GROUP,
     "basis": _BF_BASIS_INTRO + "\n" + _GRUND_BULLETS,
     # item 4 is verbatim from the signed text (a drafting note left in the agreement)
     "values": _BF_VALUES,
     "gender_perspective": _BF_GENDER_PERSPECTIVE,
     "information_dissemination": _INFORMATION_DISSEMINATION,
     "confidentiality": _BF_CONFIDENTIALITY,  # section 'Sekretess, tystnadsplikt och orosanmälan'
     "goals": [
         "Att tillhandahålla en brukarstyrd öppen verksamhet med flexibelt och tillräckligt "
         "omfattande stöd utifrån principerna om aktivt engagemang och deltagarstyrt stöd "
         "för brukare inom Bostad Först och inom socialförvaltningens försöks- och "
         "träningslägenheter",
         "Att minska ensamhet, isolering och digitalt utanförskap",
         "Att öka egenmakten och ett aktivt deltagande i samhället",
     ],
     # 'Årlig sammanställning' ends in a colon with no list: so in the source
     "clauses": _BF_CLAUSES,
     "outline": _BF_OUTLINE,
     "parties": [
         {"org": "sof",
          "unit": "Avdelningen för stadsövergripande sociala frågor, kompetenscenter vuxna",
          "joined_on": date(2023, 7, 1)},
         {"org": "streetminds", "unit": "", "joined_on": date(2023, 7, 1)},
     ],
     "annexes": [
         {"party": "sof", "number": 1, "title": "Bilaga, Socialförvaltningens verksamheter",
          "registration_number": "",
          # ILLUSTRATIVE: period, description and commitments of both annexes (the bilagor are not
          # in the seeds)
          "start_date": date(2023, 7, 1),
          "end_date": date(2024, 6, 30),
          "description": "Socialförvaltningens åtaganden i partnerskapet, genom avdelningen för "
              "stadsövergripande sociala frågor, kompetenscenter vuxna: Bostad Först med case "
              "managers (CM) samt försöks- och träningslägenheter med boendestöd.",
          "commitments": [
              ("Uppsökande och motiverande arbete", "CM och boendestödjare arbetar tillsammans "
               "med den öppna verksamheten motiverande för att deltagare ska ta del av "
               "verksamhetens innehåll och syfte."),
              ("Information till målgruppen", "Brukare i Bostad Först och i försöks- och "
               "träningslägenheterna får information om den öppna verksamheten."),
              ("Representation i styrgrupp och samverkansgrupp", "Socialförvaltningen utser "
               "två representanter till styrgruppen och representanter till samverkansgruppen, "
               "med mandat att fatta beslut."),
              ("Uppföljning och granskning", "Socialförvaltningen följer upp verksamheten, "
               "granskar hur tillförda medel har använts och lämnar den årliga "
               "sammanställningen till socialnämnden i samband med verksamhetsberättelsen."),
          ],
          "compensation": []},
         {"party": "streetminds", "number": 2, "title": "Bilaga, Street Minds verksamheter",
          "registration_number": "", "start_date": date(2023, 7, 1), "end_date": date(2024, 6, 30),
          "description": "Street Minds bedriver en brukarstyrd öppen verksamhet för personer "
              "inskrivna i Bostad Först och i socialförvaltningens försöks- och "
              "träningslägenheter, som komplement till stödet från CM.",
          "commitments": [
              ("Brukarstyrd öppen verksamhet", "En öppen verksamhet med flexibelt och "
               "tillräckligt omfattande stöd utifrån principerna om aktivt engagemang och "
               "deltagarstyrt stöd."),
              ("Aktiviteter och sociala sammanhang", "Återhämtningsinriktade, brukarstyrda "
               "aktiviteter som motverkar ensamhet, isolering och sysslolöshet."),
              ("Stöd mot digitalt utanförskap", "Stöd till deltagare att använda digitala "
               "tjänster och verktyg."),
              ("Uppsökande arbete", "Uppsökande och motiverande arbete tillsammans med CM och "
               "boendestödjare."),
              ("Synpunkter och klagomål", "Rutiner för synpunkts- och klagomålshantering finns "
               "och information om dem lämnas till deltagande brukare."),
              ("Verksamhetsrapportering", "Verksamhetsrapporter enligt styrgruppens beslut, "
               "med statistik över hur många som nåtts uppdelat på kön, samt ekonomisk "
               "redovisning av ersättningen."),
          ],
          # ILLUSTRATIVE: amounts. Rows after 2024-06-30 are the automatic half-year extensions and
          # apply only while the partnership is extended.
          "compensation": [
              (date(2023, 7, 1), date(2024, 6, 30), Decimal("1200000")),
              (date(2024, 7, 1), date(2024, 12, 31), Decimal("600000")),
              (date(2025, 1, 1), date(2025, 6, 30), Decimal("600000")),
              (date(2025, 7, 1), date(2025, 12, 31), Decimal("600000")),
              (date(2026, 1, 1), date(2026, 6, 30), Decimal("600000")),
          ]},
     ],
     # The signature page names only the city's signatory; dates are left blank in the source.
     "signatories": [
         {
             "party": "sof",
             "name": "Veronica Carstorp Wolgast",
             "title": "Förvaltningschef",
             "place": "Stockholm",  # ILLUSTRATIVE: place (the signature page gives no place)
         },
         {"party": "streetminds", "name": "", "title": "", "place": ""},
     ],
     "later_history": []},
    {"key": "ensamkommande",
     "title": "Verksamhet för ensamkommande barn och ungdomar som helt eller delvis står, eller "
         "riskerar att hamna, utanför samhällets insatser",
     "registration_number": "2.11.6-167/2019",
     # status under the 2019 agreement; later_history moves it to terminating and ended
     "status": "active",
     # the partnership itself began in 2017 (2023 tjänsteutlåtande); this is the 2019 agreement's
     # period
     "start_date": date(2019, 9, 1),
     "end_date": date(2020, 8, 31), "extension_kind": "by_agreement", "extension_months": 12,
     "extension_last_date": date(2021, 8, 31),
     # the agreement also says 'om det inte innan den 31 maj 2021 har sagts upp' (a one-off date)
     "notice_day": None,
     "notice_month": None, "agreement_months_before_end": 3, "funds_condition": True,
     "party_notice_months": 4, "background": _EK_BACKGROUND,
     "purpose": _EK_PURPOSE_2019 + "\n\n" + _EK_PURPOSE_REST,
     "target_group": _EK_TARGET_GROUP_2019 + "\n\n" + _EK_DEFINITION,
     "basis": _EK_BASIS_INTRO + "\n" + _GRUND_BULLETS, "values": _EK_VALUES,
     "gender_perspective": _EK_GENDER_PERSPECTIVE,
     "information_dissemination": _INFORMATION_DISSEMINATION,
     "confidentiality": _EK_CONFIDENTIALITY,  # section 'Sekretess, tystnadsplikt och orosanmälan'
     # verbatim, including the trailing ',' and 'och' of the source list
     "goals": [
         "lindra nöd,",
         "främja psykisk och fysisk hälsa och",
         "få barn och ungdomar att stanna inom, eller återvända till, välfärdssystemet igen "
         "för att nå långsiktiga lösningar.",
     ],
     "clauses": _EK_CLAUSES,
     "outline": _EK_OUTLINE,
     "period_note": _EK_PERIOD_NOTE,
     "parties": [
         {"org": "sof",
          "unit": "Enheter inom socialtjänstavdelningen och administrativa avdelningen",
          "joined_on": date(2019, 9, 1)},
         {"org": "barnrattsbyran", "unit": "", "joined_on": date(2019, 9, 1)},
         {"org": "raddabarnen", "unit": "", "joined_on": date(2019, 9, 1)},
         {"org": "rodakorset", "unit": "", "joined_on": date(2019, 9, 1)},
         {"org": "stadsmission", "unit": "", "joined_on": date(2019, 9, 1)},
     ],
     "annexes": [
         {"party": "barnrattsbyran", "number": 1, "title": "Bilaga Barnrättsbyrån",
          "registration_number": "2.11.6-221/2019",
          # ILLUSTRATIVE: periods, descriptions, commitments and compensation of all five annexes
          # (only titles and dnr are in the seeds). Compensation rows for 2020-09-01--2021-08-31
          # assume the one-year extension recorded in later_history.
          "start_date": date(2019, 9, 1),
          "end_date": date(2020, 8, 31),
          "description": "Barnrättsbyråns åtaganden i partnerskapet: rättighetsbaserat stöd till "
              "ensamkommande barn och ungdomar i målgruppen.",
          "commitments": [
              ("Rättighetsinformation", "Barn och ungdomar i målgruppen får kunskap om sina "
               "rättigheter och om hur de kan hävda dem."),
              ("Stöd i kontakter med myndigheter", "Individuellt stöd och rådgivning i "
               "kontakter med socialtjänst och andra myndigheter."),
              ("Länkning till socialtjänsten", "Barn och ungdomar som står utanför samhällets "
               "insatser länkas tillbaka till välfärdssystemet i samverkan med "
               "socialförvaltningen."),
          ],
          "compensation": [
              (date(2019, 9, 1), date(2020, 8, 31), Decimal("600000")),
              (date(2020, 9, 1), date(2021, 8, 31), Decimal("600000")),
          ]},
         {"party": "raddabarnen", "number": 2, "title": "Bilaga Rädda Barnen",
          "registration_number": "2.11.6-222/2019", "start_date": date(2019, 9, 1),
          "end_date": date(2020, 8, 31),
          "description": "Rädda Barnens åtaganden i partnerskapet. Åtagandet har justerats inför "
              "perioden så att mötesplatsen TC-gården tillgängliggörs för målgruppen med "
              "psykosocialt stöd främst genom gruppverksamhet.",
          "commitments": [
              ("Mötesplatsen TC-gården", "TC-gården hålls tillgänglig för målgruppen som en "
               "trygg mötesplats."),
              ("Psykosocialt stöd i grupp", "Psykosocialt stöd främst genom gruppverksamhet, "
               "vid behov i samtalsforum fördelade på kön."),
              ("Länkning till myndigheter", "Ungdomar motiveras och följs till kontakt med "
               "socialtjänst och andra myndigheter."),
          ],
          "compensation": [
              (date(2019, 9, 1), date(2020, 8, 31), Decimal("1500000")),
              (date(2020, 9, 1), date(2021, 8, 31), Decimal("1500000")),
          ]},
         {"party": "sof", "number": 3, "title": "Bilaga Stockholms stads socialnämnd",
          "registration_number": "2.11.6-223/2019", "start_date": date(2019, 9, 1),
          "end_date": date(2020, 8, 31),
          "description": "Socialnämndens egna åtaganden i partnerskapet, genom enheter inom "
              "socialtjänstavdelningen och administrativa avdelningen.",
          "commitments": [
              ("Mottagande och länkning", "Enheterna tar emot barn och ungdomar som länkas "
               "från de idéburna organisationerna och bedömer behov av insatser utifrån "
               "socialtjänstlagens vistelsebegrepp."),
              ("Representation i styrgrupp och samverkansgrupp", "Socialförvaltningen utser "
               "högst tre representanter i respektive forum."),
              ("Uppföljning och ersättning", "Administrativa avdelningen hanterar utbetalning "
               "av ersättning och den ekonomiska uppföljningen av bilagorna; den årliga "
               "sammanställningen lämnas till socialnämnden."),
          ],
          "compensation": []},
         {"party": "stadsmission", "number": 4, "title": "Bilaga Stockholms stadsmission",
          "registration_number": "2.11.6-224/2019", "start_date": date(2019, 9, 1),
          "end_date": date(2020, 8, 31),
          "description": "Stockholms stadsmissions åtaganden i partnerskapet: stöd som lindrar "
              "nöd och främjar psykisk och fysisk hälsa hos barn och ungdomar i målgruppen.",
          "commitments": [
              ("Lindra akut nöd", "Stöd med grundläggande behov som mat, kläder och hygien."),
              ("Stödsamtal", "Individuella stödsamtal som främjar psykisk och fysisk hälsa."),
              ("Länkning till välfärdssystemet", "Ungdomar motiveras och följs till kontakt "
               "med socialtjänst och andra myndigheter för långsiktiga lösningar."),
          ],
          "compensation": [
              (date(2019, 9, 1), date(2020, 8, 31), Decimal("1800000")),
              (date(2020, 9, 1), date(2021, 8, 31), Decimal("1800000")),
          ]},
         {"party": "rodakorset", "number": 5, "title": "Bilaga Röda Korset",
          "registration_number": "2.11.6-225/2019", "start_date": date(2019, 9, 1),
          "end_date": date(2020, 8, 31),
          "description": "Svenska Röda Korsets åtaganden i partnerskapet. Åtagandet har "
              "justerats inför perioden så att stöd och råd i migrationsprocessen, "
              "sjukvårdsrådgivning och efterforskning av anhöriga erbjuds i större utsträckning.",
          "commitments": [
              ("Stöd och råd i migrationsprocessen", "Information och rådgivning om "
               "asylprocessen, beslut och möjligheter att överklaga."),
              ("Sjukvårdsrådgivning", "Rådgivning om rätten till vård och hjälp att söka vård."),
              ("Efterforskning av anhöriga", "Hjälp att söka och återknyta kontakt med anhöriga."),
          ],
          "compensation": [
              (date(2019, 9, 1), date(2020, 8, 31), Decimal("1200000")),
              (date(2020, 9, 1), date(2021, 8, 31), Decimal("1200000")),
          ]},
     ],
     # Signature page order. It names no signatories ('Namnförtydligande' left blank) and the dates
     # are blank ('den / 2019'); the city signs 'För socialnämnden i Stockholms stad'.
     "signatories": [
         {"party": "sof", "name": "", "title": "Förvaltningschef", "place": "Stockholm"},
         {"party": "raddabarnen", "name": "", "title": "", "place": "Stockholm"},
         {"party": "stadsmission", "name": "", "title": "", "place": "Stockholm"},
         {"party": "barnrattsbyran", "name": "", "title": "", "place": "Stockholm"},
         {"party": "rodakorset", "name": "", "title": "", "place": "Malmö"},
     ],
     # Dated changes after the 2019 agreement, from the 2023 tjänsteutlåtande. Dates other than
     # 2023-12-12, and the 2021 agreement's period, are ILLUSTRATIVE (each reason says so).
     "later_history": [
         {"date": date(2020, 5, 29), "kind": "partnership_change",
          "changes": {"end_date": date(2021, 8, 31)},
          "reason": "Förlängning med ett år enligt avsnitt 5.1 i överenskommelsen 2019 "
              "(skriftlig överenskommelse senast tre månader före avtalstidens utgång); "
              "bilagorna följer med. Förlängningen finns inte bland underlagen men följer av att "
              "partnerskapet enligt tjänsteutlåtandet 2023-12-12 pågått sedan 2017; datumet är "
              "antaget."},
         {"date": date(2020, 5, 29), "kind": "annex_change", "party": "barnrattsbyran",
          "changes": {"end_date": date(2021, 8, 31)},
          "reason": "Bilagan förlängs till och med 2021-08-31 (datum antaget)."},
         {"date": date(2020, 5, 29), "kind": "annex_change", "party": "raddabarnen",
          "changes": {"end_date": date(2021, 8, 31)},
          "reason": "Bilagan förlängs till och med 2021-08-31 (datum antaget)."},
         {"date": date(2020, 5, 29), "kind": "annex_change", "party": "sof",
          "changes": {"end_date": date(2021, 8, 31)},
          "reason": "Bilagan förlängs till och med 2021-08-31 (datum antaget)."},
         {"date": date(2020, 5, 29), "kind": "annex_change", "party": "stadsmission",
          "changes": {"end_date": date(2021, 8, 31)},
          "reason": "Bilagan förlängs till och med 2021-08-31 (datum antaget)."},
         {"date": date(2020, 5, 29), "kind": "annex_change", "party": "rodakorset",
          "changes": {"end_date": date(2021, 8, 31)},
          "reason": "Bilagan förlängs till och med 2021-08-31 (datum antaget)."},
         {"date": date(2021, 8, 31), "kind": "party_left", "party": "barnrattsbyran",
          "left_on": date(2021, 8, 31), "leave_reason": "other",
          "reason": "Enligt tjänsteutlåtandet 2023-12-12 ingick Barnrättsbyrån i samverkan från "
              "början, men den är inte part i överenskommelsen från 2021 (dnr 2021/565). Exakt "
              "datum och skäl för utträdet framgår inte av underlagen; 2021-08-31, sista dag "
              "enligt överenskommelsen 2019, används."},
         # registration_number stays 2.11.6-167/2019: demo.py finds an already loaded partnership
         # by it, and the field is unique.
         {"date": date(2021, 9, 1), "kind": "partnership_change",
          "changes": {"end_date": date(2023, 12, 31), "extension_kind": "none",
                      "extension_last_date": date(2023, 12, 31)},
          "reason": "Ny överenskommelse IOP ensamkommande (dnr 2021/565) med Stockholms "
              "stadsmission, Svenska Röda Korset och Rädda Barnen, enligt bilaga 1 till "
              "tjänsteutlåtandet 2023-12-12. Period och villkor finns inte i underlagen; "
              "2021-09-01 till 2023-12-31 är antaget."},
         {"date": date(2021, 9, 1), "kind": "annex_change", "party": "stadsmission",
          "changes": {"registration_number": "2021/566", "title": "Avtal Stockholms stadsmission",
                      "start_date": date(2021, 9, 1), "end_date": date(2023, 12, 31)},
          "reason": "Avtal dnr 2021/566 enligt tjänsteutlåtandet 2023-12-12; period antagen."},
         {"date": date(2021, 9, 1), "kind": "annex_change", "party": "rodakorset",
          "changes": {"registration_number": "2021/567", "title": "Avtal Svenska Röda Korset",
                      "start_date": date(2021, 9, 1), "end_date": date(2023, 12, 31)},
          "reason": "Avtal dnr 2021/567 enligt tjänsteutlåtandet 2023-12-12; period antagen."},
         {"date": date(2021, 9, 1), "kind": "annex_change", "party": "raddabarnen",
          "changes": {"registration_number": "2021/568", "title": "Avtal Rädda Barnen",
                      "start_date": date(2021, 9, 1), "end_date": date(2023, 12, 31)},
          "reason": "Avtal dnr 2021/568 enligt tjänsteutlåtandet 2023-12-12; period antagen."},
         {"date": date(2021, 9, 1), "kind": "annex_change", "party": "sof",
          "changes": {"registration_number": "2021/569", "title": "Avtal Socialnämnden",
                      "start_date": date(2021, 9, 1), "end_date": date(2023, 12, 31)},
          "reason": "Avtal dnr 2021/569 enligt tjänsteutlåtandet 2023-12-12; period antagen."},
         {"date": date(2022, 1, 1), "kind": "partnership_change",
          "changes": {
              "target_group": (
                  _EK_TARGET_GROUP_2019 + "\n\n" + _EK_TARGET_GROUP_2022_ADDITION + "\n\n"
                  + _EK_DEFINITION
              ),
              "purpose": _EK_PURPOSE_2022 + "\n\n" + _EK_PURPOSE_REST,
              "goals": [
                  "lindra nöd,",
                  "främja psykisk och fysisk hälsa och",
                  "få barn, ungdomar och vissa unga vuxna att stanna inom, eller återvända "
                  "till, välfärdssystemet igen för att nå långsiktiga lösningar.",
              ],
          },
          "reason": "Enligt tjänsteutlåtandet 2023-12-12 omfattar partnerskapet från och med "
              "2022 även gruppen vissa unga vuxna upp till 24 år som omfattas av gymnasielagen; "
              "syfte och mål är formulerade som där. Vilket beslut som låg bakom och exakt datum "
              "framgår inte av underlagen; 2022-01-01 är antaget."},
         {"date": date(2023, 12, 12), "kind": "partnership_change",
          "changes": {"end_date": date(2024, 6, 30), "extension_last_date": date(2024, 6, 30),
                      "extension_kind": "none", "status": "terminating"},
          "reason": "Socialnämndens beslut 2023-12-12 enligt förvaltningens förslag "
              "(tjänsteutlåtandet 2023-12-12, beslutspunkt 1 och 2): partnerskapet godkänns till "
              "och med juni 2024 för att sedan avslutas i sin nuvarande form. Underlagen "
              "innehåller förslaget, inte protokollet; att nämnden beslutade enligt förslaget är "
              "antaget."},
         {"date": date(2023, 12, 12), "kind": "annex_change", "party": "stadsmission",
          "changes": {"end_date": date(2024, 6, 30)},
          "reason": "Förlängs till och med 2024-06-30 enligt tjänsteutlåtandet 2023-12-12."},
         {"date": date(2023, 12, 12), "kind": "annex_change", "party": "rodakorset",
          "changes": {"end_date": date(2024, 6, 30)},
          "reason": "Förlängs till och med 2024-06-30 enligt tjänsteutlåtandet 2023-12-12."},
         {"date": date(2023, 12, 12), "kind": "annex_change", "party": "raddabarnen",
          "changes": {"end_date": date(2024, 6, 30)},
          "reason": "Förlängs till och med 2024-06-30 enligt tjänsteutlåtandet 2023-12-12."},
         {"date": date(2023, 12, 12), "kind": "annex_change", "party": "sof",
          "changes": {"end_date": date(2024, 6, 30)},
          "reason": "Förlängs till och med 2024-06-30 enligt tjänsteutlåtandet 2023-12-12."},
         {"date": date(2024, 7, 1), "kind": "party_left", "party": "stadsmission",
          "left_on": date(2024, 6, 30), "leave_reason": "ended",
          "reason": "Partnerskapet avslutas 2024-06-30 enligt tjänsteutlåtandet 2023-12-12."},
         {"date": date(2024, 7, 1), "kind": "party_left", "party": "rodakorset",
          "left_on": date(2024, 6, 30), "leave_reason": "ended",
          "reason": "Partnerskapet avslutas 2024-06-30 enligt tjänsteutlåtandet 2023-12-12."},
         {"date": date(2024, 7, 1), "kind": "party_left", "party": "raddabarnen",
          "left_on": date(2024, 6, 30), "leave_reason": "ended",
          "reason": "Partnerskapet avslutas 2024-06-30 enligt tjänsteutlåtandet 2023-12-12."},
         {"date": date(2024, 7, 1), "kind": "party_left", "party": "sof",
          "left_on": date(2024, 6, 30), "leave_reason": "ended",
          "reason": "Partnerskapet avslutas 2024-06-30 enligt tjänsteutlåtandet 2023-12-12."},
         {"date": date(2024, 7, 1), "kind": "partnership_change", "changes": {"status": "ended"},
          "reason": "Partnerskapet avslutas i sin nuvarande form efter 2024-06-30 enligt "
              "tjänsteutlåtandet 2023-12-12; en utredning ska visa i vilken form samverkan "
              "fortsätter från och med 1 juli 2024. Att avslutet genomfördes så framgår inte av "
              "underlagen."},
     ]},
]


COMMITTEE_CASES = [
    {"partnership": "ensamkommande",
     "title": "Idéburet offentligt partnerskap – om verksamhet för ensamkommande barn, unga och "
         "unga vuxna som helt eller delvis står, eller riskerar att hamna, utanför samhällets "
         "insatser",
     "proposal_date": date(2023, 12, 12), "registration_number": "", "handler": "Maria Karlsson",
     "summary": _CASE_SUMMARY,
     "decision_points": [
         "Socialnämnden beslutar att godkänna partnerskapet till och med juni 2024.",
         "Socialnämnden ger socialdirektören i uppdrag att teckna ett idéburet offentligt "
         "partnerskap med tre ideella organisationer om verksamhet för ensamkommande barn, "
         "unga och vissa unga vuxna som helt eller delvis står, eller riskerar att hamna, "
         "utanför samhällets insatser.",
         _DECISION_POINT_3,
         _DECISION_POINT_4,
         "Paragrafen justeras omedelbart",
     ],
     "delegations": [
         {"to": "Socialdirektören", "scope": _DECISION_POINT_3, "kind": "change_commitments"},
         {"to": "Socialdirektören", "scope": _DECISION_POINT_4,
          "kind": "stop_payments_and_reclaim"},
     ],
     "attested_by": [
         ("Veronica Wolgast Carstorp", "Socialdirektör", date(2023, 11, 30)),
         ("Lina Blombergsson", "Avdelningschef", date(2023, 11, 30)),
     ],
     "annex_list": [
         ("2021/565", "Överenskommelse IOP ensamkommande"),
         ("2021/566", "Avtal Stockholms stadsmission"),
         ("2021/567", "Avtal Svenska Röda Korset"),
         ("2021/568", "Avtal Rädda Barnen"),
         ("2021/569", "Avtal Socialnämnden"),
     ]},
]


GROUPS = [
    {"partnership": "bostad-forst", "kind": "steering", "name": "Styrgrupp", "city_seats_max": 2,
     "seats_per_ngo": 1, "cadence_initial_months": 1,
     "cadence_initial_period_months": 6,  # ILLUSTRATIVE
     "cadence_later_months": 3,  # ILLUSTRATIVE
     "chair_selection": "rotation",
     "chair_term_months": 3,  # ILLUSTRATIVE
     "decision_rule": "majority",
     "notes": "Två representanter från socialförvaltningen och en från Street Minds. Möte minst "
         "varje månad i början, därefter väljer styrgruppen intervall (sex månader och var "
         "tredje månad är antagna värden). Ordförandeskapet roterar; vem och hur länge bestäms "
         "vid första mötet (tre månader är antaget)."},
    {"partnership": "bostad-forst", "kind": "cooperation", "name": "Samverkansgrupp",
     "city_seats_max": None, "seats_per_ngo": None,
     "cadence_initial_months": 1,  # ILLUSTRATIVE
     "cadence_initial_period_months": None,
     "cadence_later_months": 1,  # ILLUSTRATIVE
     "chair_selection": "rotation",
     "chair_term_months": 3,  # ILLUSTRATIVE
     "decision_rule": "majority",
     "notes": "Antal ledamöter anges inte. Möts 'regelbundet med lämpligt intervall' (månadsvis "
         "är antaget). Det som roteras är ansvaret för dokumentationen (tre månader är antaget). "
         "Skriftlig rapport till styrgruppen två gånger per 12-månadersperiod."},
    {"partnership": "ensamkommande", "kind": "steering", "name": "Styrgrupp", "city_seats_max": 3,
     "seats_per_ngo": 1, "cadence_initial_months": 2,
     "cadence_initial_period_months": 6,  # ILLUSTRATIVE
     "cadence_later_months": 3,  # ILLUSTRATIVE
     "chair_selection": "rotation",
     "chair_term_months": 3,  # ILLUSTRATIVE
     "decision_rule": "majority",
     "notes": "Varsin representant per idéburen organisation och högst tre från "
         "socialförvaltningen. Möte minst varannan månad i början, därefter väljer styrgruppen "
         "intervall (sex månader och var tredje månad är antagna värden). Ordförandeskapet "
         "roterar enligt avtalet 2019 (ingen lottning); vem och hur länge bestäms vid första "
         "mötet (tre månader är antaget)."},
    {"partnership": "ensamkommande", "kind": "cooperation", "name": "Samverkansgrupp",
     "city_seats_max": 3, "seats_per_ngo": 1,
     "cadence_initial_months": 1,  # ILLUSTRATIVE
     "cadence_initial_period_months": None,
     "cadence_later_months": 1,  # ILLUSTRATIVE
     "chair_selection": "rotation",
     "chair_term_months": 3,  # ILLUSTRATIVE
     "decision_rule": "majority",
     "notes": "Socialförvaltningen representeras av ansvarig enhetschef eller motsvarande. Möts "
         "'regelbundet med lämpligt intervall' (månadsvis är antaget). Det som roteras är "
         "ansvaret för dokumentationen (tre månader är antaget). Skriftlig rapport till "
         "styrgruppen två gånger per 12-månadersperiod."},
]

# fmt: on
