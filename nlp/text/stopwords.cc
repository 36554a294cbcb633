#include "nlp/text/stopwords.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/ascii.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "nlp/text/normalizer.h"

namespace wordloom::nlp {
namespace {

struct BuiltInList {
  const char* language;
  const char* words;  // space separated, already normalized
};

// Function words of each language: articles, pronouns, auxiliaries,
// prepositions, conjunctions and the commonest adverbs.
constexpr BuiltInList kLists[] = {
    {"en",
     "a about above after again against all am an and any are aren't as at be because been "
     "before being below between both but by can can't cannot could couldn't did didn't do does "
     "doesn't doing don't down during each few for from further had hadn't has hasn't have "
     "haven't having he he'd he'll he's her here here's hers herself him himself his how how's i "
     "i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my "
     "myself no nor not of off on once only or other ought our ours ourselves out over own same "
     "shan't she she'd she'll she's should shouldn't so some such than that that's the their "
     "theirs them themselves then there there's these they they'd they'll they're they've this "
     "those through to too under until up very was wasn't we we'd we'll we're we've were weren't "
     "what what's when when's where where's which while who who's whom why why's will with won't "
     "would wouldn't you you'd you'll you're you've your yours yourself yourselves also just may "
     "might must shall upon us"},
    {"de",
     "aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch "
     "auf aus bei bin bis bist da damit dann das dass dasselbe dazu dein deine deinem deinen "
     "deiner dem demselben den denn denselben der derer derselbe derselben des desselben dessen "
     "dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort du durch "
     "ein eine einem einen einer eines einig einige einigem einigen einiger einiges einmal er es "
     "etwas euch euer eure eurem euren eurer für gegen gewesen hab habe haben hat hatte hatten "
     "hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede "
     "jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen "
     "keiner man manche manchem manchen mancher mich mir mit muss musste nach nicht nichts noch "
     "nun nur ob oder ohne sehr sein seine seinem seinen seiner sich sie sind so solche soll "
     "sollte sondern sonst über um und uns unser unsere unter viel vom von vor während war waren "
     "warst was weg weil weiter welche welchem welchen welcher wenn werde werden wie wieder will "
     "wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen"},
    {"fr",
     "a à au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais "
     "me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur "
     "ta te tes toi ton tu un une vos votre vous c d j l m n s t y été être avoir ai as avons "
     "avez ont est es sommes êtes sont suis était étaient sera seront cette cet ceci cela ça "
     "comme si tout tous toute toutes plus moins très aussi donc or ni car dont lors sans sous "
     "entre vers chez"},
    {"es",
     "a al algo algunas algunos ante antes como con contra cual cuando de del desde donde "
     "durante e el ella ellas ellos en entre era erais eran eras es esa esas ese eso esos esta "
     "estaba estado estar estas este esto estos fue fueron fui ha habéis había han has hasta hay "
     "la las le les lo los más me mi mis mucho muchos muy nada ni no nos nosotros o os otra "
     "otras otro otros para pero poco por porque que quien quienes se sea ser si sí sin sobre "
     "son su sus también tanto te tiene tienen todo todos tu tus un una uno unos vosotros y ya "
     "yo él"},
    {"it",
     "a ad al alla alle allo agli ai anche che chi ci come con contro da dal dalla dalle dai "
     "degli dei del della delle dello di dove e ed è era erano essere fra gli ha hanno ho i il "
     "in io la le lei li lo loro lui ma mi mia mio ne nei nel nella nelle noi non o per perché "
     "più quale quando quella quelle quello questa queste questo se sei si sia siamo sono su "
     "sua sue suo sul sulla tra tu tutti tutto un una uno voi"},
    {"pt",
     "a ao aos as até com como da das de dela dele deles do dos e ela elas ele eles em entre "
     "era eram essa esse esta estas este estes eu foi foram há isso isto já lhe lhes mais mas me "
     "mesmo meu minha muito na nas nem no nos nós não o os ou para pela pelas pelo pelos por "
     "quando que quem se sem ser seu seus sua suas são só também te tem têm tu tua um uma umas "
     "uns você vocês à às é"},
    {"nl",
     "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door "
     "dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand "
     "iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets "
     "nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel "
     "voor want waren was wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich zij "
     "zijn zo zonder zou"},
    {"ru",
     "а без более бы был была были было быть в вам вас весь во вот все всё всего всех вы где да "
     "даже для до его ее её если есть еще ещё же за здесь и из или им их к как ко когда кто ли "
     "либо мне может мы на над надо наш не него нее неё нет ни них но ну о об однако он она они "
     "оно от очень по под при с со так также такой там те тем то того тоже той только том ты у "
     "уже хотя чего чей чем что чтобы чье чья эта эти это я"},
};

}  // namespace

std::vector<std::string> StopwordList::BuiltInLanguages() {
  std::vector<std::string> languages;
  for (const BuiltInList& list : kLists) languages.emplace_back(list.language);
  return languages;
}

absl::StatusOr<std::unique_ptr<StopwordList>> StopwordList::BuiltIn(std::string_view language) {
  for (const BuiltInList& list : kLists) {
    if (language != list.language) continue;
    StringSet words;
    for (absl::string_view word : absl::StrSplit(list.words, ' ', absl::SkipEmpty())) {
      words.emplace(ToStd(word));
    }
    return std::unique_ptr<StopwordList>(new StopwordList(std::move(words)));
  }
  return absl::NotFoundError(absl::StrCat("no built-in stopword list for language '", ToAbsl(language),
                                          "'; built in: en de fr es it pt nl ru"));
}

absl::StatusOr<std::unique_ptr<StopwordList>> StopwordList::FromFile(const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  WL_ASSIGN_OR_RETURN(auto normalizer, Normalizer::Create({}));
  StringSet words;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(ToAbsl(file->view()), '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    auto normalized = normalizer->Normalize(ToStd(line));
    if (!normalized.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_number, ": ", normalized.status().message()));
    }
    words.insert(*std::move(normalized));
  }
  return std::unique_ptr<StopwordList>(new StopwordList(std::move(words)));
}

}  // namespace wordloom::nlp
