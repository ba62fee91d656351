#include "intel/sanctions.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "intel/bip39_wordlists.h"
#include "intel/xml_pull.h"

namespace lg {
namespace {

const std::string kOfacDir = std::string(LG_SHARED_DIR) + "/corpus/intel/ofac";

// The shape of OFAC's sdn.xml (namespace, publshInformation, an individual and an entity,
// an id that is not an address), trimmed to two entries.
constexpr std::string_view kSdnXml = R"(<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation><Publish_Date>09/27/2024</Publish_Date><Record_Count>2</Record_Count></publshInformation>
  <sdnEntry>
    <uid>30518</uid>
    <lastName>PARK</lastName>
    <firstName>Jin Hyok</firstName>
    <sdnType>Individual</sdnType>
    <programList><program>DPRK3</program></programList>
    <idList>
      <id><uid>45001</uid><idType>Passport</idType><idNumber>290333974</idNumber></id>
    </idList>
  </sdnEntry>
  <sdnEntry>
    <uid>36599</uid>
    <lastName>LAZARUS &amp; CO</lastName>
    <sdnType>Entity</sdnType>
    <programList><program>DPRK3</program></programList>
    <idList>
      <id>
        <uid>50001</uid>
        <idType>Digital Currency Address - XBT</idType>
        <idNumber>12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h</idNumber>
      </id>
      <id>
        <uid>50002</uid>
        <idType>Digital Currency Address - ETH</idType>
        <idNumber>0x098B716B8Aaf21512996dC57EB0615e2383E2f96</idNumber>
      </id>
    </idList>
  </sdnEntry>
</sdnList>
)";

// The shape of sdn_advanced.xml: reference values first, then a party with a primary name
// of two parts and two features, one of them an address.
constexpr std::string_view kSdnAdvancedXml = R"(<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
  <DateOfIssue><Year>2024</Year><Month>9</Month><Day>27</Day></DateOfIssue>
  <ReferenceValueSets>
    <FeatureTypeValues>
      <FeatureType ID="8" FeatureTypeGroupID="1">Birthdate</FeatureType>
      <FeatureType ID="344" FeatureTypeGroupID="4">Digital Currency Address - XBT</FeatureType>
      <FeatureType ID="887" FeatureTypeGroupID="4">Digital Currency Address - TRX</FeatureType>
    </FeatureTypeValues>
  </ReferenceValueSets>
  <DistinctParties>
    <DistinctParty FixedRef="42155">
      <Comment />
      <Profile ID="42155" PartySubTypeID="4">
        <Identity ID="15001" FixedRef="42155" Primary="true" False="false">
          <Alias FixedRef="42155" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="58001" FixedRef="42155" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="1" ScriptID="215">SIM</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="2" ScriptID="215">Hyon Sop</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="42155" AliasTypeID="1400" Primary="false" LowQuality="false">
            <DocumentedName ID="58002" FixedRef="42155" DocNameStatusID="2">
              <DocumentedNamePart><NamePartValue NamePartGroupID="1" ScriptID="215">SHIM</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
        </Identity>
        <Feature ID="60001" FeatureTypeID="8">
          <FeatureVersion ID="61001" ReliabilityID="1"><DatePeriod CalendarTypeID="1" YearFixed="false" /></FeatureVersion>
        </Feature>
        <Feature ID="60002" FeatureTypeID="887">
          <FeatureVersion ID="61002" ReliabilityID="1">
            <Comment />
            <VersionDetail DetailTypeID="1432">TFdTr9C3BqQrzKBXqSxJfAZFTh8UwBAfSg</VersionDetail>
          </FeatureVersion>
          <IdentityReference IdentityID="15001" IdentityFeatureLinkTypeID="1" />
        </Feature>
      </Profile>
    </DistinctParty>
  </DistinctParties>
</Sanctions>
)";

// sdn.csv rows: no header, -0- for empty fields, addresses inside Remarks.
constexpr std::string_view kSdnCsv =
    "30518,\"PARK, Jin Hyok\",\"individual\",\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
    "\"DOB 15 Aug 1984; nationality Korea, North; Passport 290333974.\"\r\n"
    "36599,\"LAZARUS GROUP\",-0- ,\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
    "\"a.k.a. 'APPLEWORM'; Digital Currency Address - XBT 1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V; "
    "alt. Digital Currency Address - ETH 0xa7e5d5a720f06526557c513402f2e6b5fa20b008; Secondary "
    "sanctions risk: see Section 1(b) of E.O. 13810.\"\r\n";

TEST(XmlPull, EventsAttributesEntities) {
  XmlPull x(
      R"(<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><!-- c --><p:a k='v&amp;w' j="1>2"><b/>t &lt;&#x41;&#66;&e;<![CDATA[<raw>]]></p:a>)");
  ASSERT_EQ(x.next(), XmlPull::Event::kStart);
  EXPECT_EQ(x.name(), "a");
  EXPECT_EQ(x.attribute("k"), "v&w");
  EXPECT_EQ(x.attribute("j"), "1>2");
  EXPECT_EQ(x.attribute("missing"), "");
  ASSERT_EQ(x.next(), XmlPull::Event::kStart);
  EXPECT_EQ(x.name(), "b");
  ASSERT_EQ(x.next(), XmlPull::Event::kEnd);
  ASSERT_EQ(x.next(), XmlPull::Event::kText);
  EXPECT_EQ(x.text(), "t <AB&e;");  // undeclared entities stay as written
  ASSERT_EQ(x.next(), XmlPull::Event::kText);
  EXPECT_EQ(x.text(), "<raw>");
  ASSERT_EQ(x.next(), XmlPull::Event::kEnd);
  EXPECT_EQ(x.next(), XmlPull::Event::kDone);
  XmlPull truncated("<a b=\"unterminated");
  EXPECT_EQ(truncated.next(), XmlPull::Event::kStart);
  EXPECT_EQ(truncated.next(), XmlPull::Event::kDone);
}

TEST(Sanctions, SdnXmlIdList) {
  SanctionsList list;
  ASSERT_TRUE(list.add_text("sdn.xml", kSdnXml).is_ok());
  EXPECT_EQ(list.size(), 2u);
  const SanctionsEntry* e = list.lookup("12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->uid, "36599");
  EXPECT_EQ(e->name, "LAZARUS & CO");
  EXPECT_EQ(e->currency, "XBT");
  EXPECT_EQ(e->describe(), "SDN 36599 LAZARUS & CO (XBT, sdn.xml)");
  // EVM addresses match whatever their case.
  e = list.lookup("0x098b716b8aaf21512996dc57eb0615e2383e2f96");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->currency, "ETH");
  EXPECT_EQ(list.lookup("290333974"), nullptr);  // a passport number is not an address
}

TEST(Sanctions, SdnAdvancedXmlFeatures) {
  SanctionsList list;
  ASSERT_TRUE(list.add_text("sdn_advanced.xml", kSdnAdvancedXml).is_ok());
  ASSERT_EQ(list.size(), 1u);
  const SanctionsEntry* e = list.lookup("TFdTr9C3BqQrzKBXqSxJfAZFTh8UwBAfSg");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->uid, "42155");
  EXPECT_EQ(e->name, "SIM Hyon Sop");  // the primary name, not the weak alias
  EXPECT_EQ(e->currency, "TRX");
  EXPECT_EQ(list.lookup("tfdtr9c3bqqrzkbxqsxjfazfth8uwbafsg"), nullptr);  // Base58 is exact
}

TEST(Sanctions, SdnCsvRemarks) {
  SanctionsList list;
  ASSERT_TRUE(list.add_text("sdn.csv", kSdnCsv).is_ok());
  ASSERT_EQ(list.size(), 2u);
  const SanctionsEntry* e = list.lookup("1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "LAZARUS GROUP");
  EXPECT_EQ(e->uid, "36599");
  EXPECT_EQ(e->currency, "XBT");
  e = list.lookup("0xA7E5D5A720F06526557C513402F2E6B5FA20B008");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->currency, "ETH");
}

TEST(Sanctions, PlainListsChainFromHeaderOrName) {
  SanctionsList list;
  ASSERT_TRUE(list.add_text("mine.txt",
                            "# chain BCH\n\nqpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq\n"
                            "bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4  # a comment\n")
                  .is_ok());
  const SanctionsEntry* e = list.lookup("bitcoincash:qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->currency, "BCH");
  EXPECT_NE(list.lookup("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), nullptr);
  EXPECT_FALSE(list.add_text("bad.txt", "this is not an address list\n").is_ok());
  EXPECT_FALSE(list.add_text("bad.xml", "<html></html>").is_ok());
}

TEST(Sanctions, RealOfacDirectory) {
  auto loaded = SanctionsList::load({kOfacDir});
  ASSERT_TRUE(loaded) << loaded.status().message();
  // Every non-empty line of every list is in (minus the same EVM address on several chains).
  std::size_t lines = 0;
  for (const auto& f : std::filesystem::directory_iterator(kOfacDir)) {
    std::ifstream in(f.path());
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      ++lines;
      const SanctionsEntry* e = loaded->lookup(line);
      ASSERT_NE(e, nullptr) << f.path() << ": " << line;
      EXPECT_TRUE(e->source.starts_with("sanctioned_addresses_")) << e->source;
    }
  }
  EXPECT_GT(lines, 600u);
  EXPECT_LE(loaded->size(), lines);
  EXPECT_EQ(loaded->lookup("rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66")->describe(),
            "sanctioned_addresses_XRP.txt (XRP)");
  EXPECT_FALSE(SanctionsList::load({kOfacDir + "/no-such-file.txt"}));
}

TEST(Bip39Wordlists, EmbeddedListsHold2048Words) {
  for (auto lang : {Bip39Language::kEnglish, Bip39Language::kJapanese, Bip39Language::kKorean}) {
    std::string_view t = bip39_wordlist_text(lang);
    std::size_t lines = 0;
    for (char c : t) lines += c == '\n';
    EXPECT_EQ(lines, 2048u);
  }
  EXPECT_TRUE(bip39_wordlist_text(Bip39Language::kEnglish).starts_with("abandon\nability\n"));
}

}  // namespace
}  // namespace lg
