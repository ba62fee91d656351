#include "detect/tld.h"

#include <cstddef>
#include <unordered_map>

namespace lg {
namespace {

// ISO 3166 country-code TLDs in the root zone (IANA root zone database), minus the ones listed
// as file-like below. Kept as one string to stay compact; split once into a hash table.
constexpr std::string_view kCountryCodes =
    "ac ad ae af ag al ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs "
    "bt bw by bz ca cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee "
    "eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy "
    "hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky "
    "kz la lb lc li lk lr ls lt lu lv ly ma mc me mg mh ml mm mn mo mp mq mr ms mt mu mv mw "
    "mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pm pn pr pt pw qa re ro "
    "ru rw sa sb sc sd se sg si sk sl sm sn sr ss st su sv sx sy sz tc td tg th tj tk tl tm tn "
    "to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw ai";

// Generic TLDs seen in real mail or favoured by phishing (Spamhaus and Interisle "most abused"
// lists). Deliberately left out: words that collide with code identifiers (name, foo, bar,
// new, map) and brand TLDs.
constexpr std::string_view kGeneric =
    "com net org info biz edu gov mil int mobi asia tel jobs travel aero coop museum cat pro "
    "xyz top online site app dev club shop store live life tech space website fun icu vip work "
    "cloud link click buzz rest cam cfd sbs monster quest lol win bid loan download review "
    "racing stream trade date party science men one blog news email digital network finance "
    "financial money capital fund exchange trading market markets ltd llc inc company group "
    "global world today solutions services support help center zone agency media social events "
    "ventures investments partners systems technology software codes host hosting server "
    "domains page wiki ink art design studio land city tokyo nagoya osaka yokohama seoul "
    "ninja guru rocks lat best bond autos homes skin mom baby gdn ooo uno surf cyou fit press "
    "reviews report team chat careers career works cash gold bank insure legal law tax gmbh "
    "accountant faith cricket webcam xin wang ren games game video tube "
    "security plus care health academy education school university institute "
    "consulting management marketing business enterprises holdings industries international "
    "foundation community church green energy solar eco earth";

// Real TLDs that are also common file extensions; see TldClass::kFileLike.
constexpr std::string_view kFileLike = "zip mov docs java py sh md pl ps rs so cc tf mk";

// Internationalized TLDs (RFC 5890 U-labels) in use in the regions we care about.
constexpr std::string_view kIdn =
    "рф рус москва онлайн сайт укр бел қаз срб 中国 中國 公司 网络 网址 在线 世界 商城 网店 "
    "中文网 集团 企业 游戏 手机 信息 移动 台湾 台灣 香港 한국 닷컴 닷넷 コム みんな クラウド "
    "ストア ポイント 通販";

void add_words(std::string_view words, TldClass cls,
               std::unordered_map<std::string_view, TldClass>& out) {
  std::size_t pos = 0;
  while (pos < words.size()) {
    std::size_t end = words.find(' ', pos);
    if (end == std::string_view::npos) end = words.size();
    if (end > pos) out.emplace(words.substr(pos, end - pos), cls);
    pos = end + 1;
  }
}

const std::unordered_map<std::string_view, TldClass>& tld_table() {
  static const std::unordered_map<std::string_view, TldClass> table = [] {
    std::unordered_map<std::string_view, TldClass> t;
    add_words(kFileLike, TldClass::kFileLike, t);  // first: emplace keeps the first class
    add_words(kCountryCodes, TldClass::kNormal, t);
    add_words(kGeneric, TldClass::kNormal, t);
    add_words(kIdn, TldClass::kNormal, t);
    return t;
  }();
  return table;
}

}  // namespace

TldClass tld_class(std::string_view label) {
  constexpr std::size_t kMaxLabel = 63;  // RFC 1035 2.3.4
  if (label.empty() || label.size() > kMaxLabel) return TldClass::kUnknown;
  char lower[kMaxLabel];
  bool ascii = true;
  for (std::size_t i = 0; i < label.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(label[i]);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    lower[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  const auto& table = tld_table();
  auto it = table.find(ascii ? std::string_view(lower, label.size()) : label);
  return it == table.end() ? TldClass::kUnknown : it->second;
}

}  // namespace lg
