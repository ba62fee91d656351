// [MS-OFFCRYPTO] 2.3.4 EncryptionInfo parsing: Standard (2.3.4.5) and Agile (2.3.4.10).
#include "formats/office_crypto/encryption_info.h"

#include <pugixml.hpp>

#include <charconv>

#include "core/ascii.h"
#include "core/reader.h"
#include "core/transfer_encoding.h"
#include "core/utf8.h"

namespace lg {
namespace {

constexpr std::size_t kMaxHeaderBytes = 4096;  // EncryptionHeader with its CSP name
constexpr std::size_t kMaxBase64Bytes = 1024;  // decoded verifier/key fields

Status malformed(std::string what) {
  return Status::error(ErrorCode::kMalformed, "EncryptionInfo: " + std::move(what));
}

std::string_view local_name(const char* qualified) {
  std::string_view q = qualified ? qualified : "";
  const auto colon = q.find(':');
  return colon == std::string_view::npos ? q : q.substr(colon + 1);
}

pugi::xml_node child_named(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  return {};
}

std::uint32_t attr_u32(pugi::xml_node n, const char* name) {
  std::string_view v = n.attribute(name).value();
  std::uint32_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size()) return 0;
  return out;
}

Bytes attr_base64(pugi::xml_node n, const char* name) {
  return decode_base64(n.attribute(name).value(), kMaxBase64Bytes).data;
}

AgileParams read_params(pugi::xml_node n) {
  AgileParams p;
  p.cipher = n.attribute("cipherAlgorithm").value();
  p.chaining = n.attribute("cipherChaining").value();
  p.hash = n.attribute("hashAlgorithm").value();
  p.key_bits = attr_u32(n, "keyBits");
  p.block_size = attr_u32(n, "blockSize");
  p.hash_size = attr_u32(n, "hashSize");
  p.salt = attr_base64(n, "saltValue");
  return p;
}

// 2.3.4.10: the XML after the 8-byte prefix (version 4.4, reserved 0x40).
Result<AgileInfo> parse_agile(ByteView xml) {
  pugi::xml_document doc;
  // Defaults without DOCTYPE nodes: no DTD, no entity expansion beyond the built-in ones.
  const unsigned options = pugi::parse_default & ~pugi::parse_doctype;
  if (!doc.load_buffer(xml.data(), xml.size(), options, pugi::encoding_auto))
    return malformed("agile XML does not parse");
  pugi::xml_node enc;
  for (pugi::xml_node c = doc.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c.name()) == "encryption") enc = c;
  if (!enc) return malformed("no encryption element");
  AgileInfo a;
  pugi::xml_node kd = child_named(enc, "keyData");
  if (!kd) return malformed("no keyData element");
  a.key_data = read_params(kd);
  pugi::xml_node eks = child_named(enc, "keyEncryptors");
  for (pugi::xml_node ke = eks.first_child(); ke; ke = ke.next_sibling()) {
    if (local_name(ke.name()) != "keyEncryptor") continue;
    if (std::string_view(ke.attribute("uri").value()) !=
        "http://schemas.microsoft.com/office/2006/keyEncryptor/password")
      continue;
    pugi::xml_node ek = child_named(ke, "encryptedKey");
    if (!ek) continue;
    a.has_password = true;
    a.password = read_params(ek);
    a.spin_count = attr_u32(ek, "spinCount");
    a.encrypted_verifier_hash_input = attr_base64(ek, "encryptedVerifierHashInput");
    a.encrypted_verifier_hash_value = attr_base64(ek, "encryptedVerifierHashValue");
    a.encrypted_key_value = attr_base64(ek, "encryptedKeyValue");
    break;
  }
  return a;
}

}  // namespace

const char* office_encryption_name(OfficeEncryption e) {
  switch (e) {
    case OfficeEncryption::kStandard:
      return "ECMA-376 Standard";
    case OfficeEncryption::kAgile:
      return "ECMA-376 Agile";
    case OfficeEncryption::kExtensible:
      return "ECMA-376 Extensible";
    case OfficeEncryption::kRc4:
      return "Office binary RC4";
    case OfficeEncryption::kRc4CryptoApi:
      return "Office binary RC4 CryptoAPI";
    case OfficeEncryption::kXor:
      return "XOR obfuscation";
  }
  return "unknown";
}

Result<StandardHeader> parse_standard_header(ByteView after_flags, std::uint32_t flags,
                                             std::size_t verifier_hash_bytes) {
  Reader r(after_flags);
  StandardHeader h;
  h.flags = flags;
  auto header_size = r.u32le(0);
  if (!header_size || *header_size < 32 || *header_size > kMaxHeaderBytes)
    return malformed("bad EncryptionHeaderSize");
  auto header = r.subspan(4, *header_size);
  if (!header) return malformed("EncryptionHeader truncated");
  Reader hr(*header);
  // 2.3.2: Flags, SizeExtra, AlgID, AlgIDHash, KeySize, ProviderType, Reserved1, Reserved2,
  // CSPName (UTF-16LE, NUL-terminated).
  h.alg_id = hr.u32le(8).value_or(0);
  h.alg_id_hash = hr.u32le(12).value_or(0);
  h.key_bits = hr.u32le(16).value_or(0);
  h.csp_name = utf16le_to_utf8(header->subspan(32), true);
  // 2.3.3 EncryptionVerifier.
  const std::size_t v = 4 + *header_size;
  auto salt_size = r.u32le(v);
  if (!salt_size || *salt_size != 16) return malformed("verifier salt size is not 16");
  auto salt = r.subspan(v + 4, 16);
  auto verifier = r.subspan(v + 20, 16);
  auto hash_size = r.u32le(v + 36);
  auto hash = r.subspan(v + 40, verifier_hash_bytes);
  if (!salt || !verifier || !hash_size || !hash) return malformed("EncryptionVerifier truncated");
  h.salt.assign(salt->begin(), salt->end());
  h.encrypted_verifier.assign(verifier->begin(), verifier->end());
  h.verifier_hash_size = *hash_size;
  h.encrypted_verifier_hash.assign(hash->begin(), hash->end());
  return h;
}

Result<EncryptionInfo> parse_encryption_info(ByteView stream) {
  Reader r(stream);
  auto major = r.u16le(0), minor = r.u16le(2);
  auto flags = r.u32le(4);
  if (!major || !minor || !flags) return malformed("truncated version");
  EncryptionInfo info;
  info.major = *major;
  info.minor = *minor;
  if (*major == 4 && *minor == 4) {
    info.scheme = OfficeEncryption::kAgile;
    auto a = parse_agile(stream.subspan(8));
    if (!a) return a.status();
    info.agile = std::move(*a);
    return info;
  }
  if ((*major == 3 || *major == 4) && *minor == 3) {
    info.scheme = OfficeEncryption::kExtensible;
    return info;
  }
  if ((*major == 2 || *major == 3 || *major == 4) && *minor == 2) {
    info.scheme = OfficeEncryption::kStandard;
    auto h = parse_standard_header(stream.subspan(8), *flags, 32);
    if (!h) return h.status();
    info.standard = std::move(*h);
    return info;
  }
  return Status::error(ErrorCode::kUnsupported, "EncryptionInfo version " + std::to_string(*major) +
                                                    "." + std::to_string(*minor));
}

std::string EncryptionInfo::describe() const {
  std::string out = office_encryption_name(scheme);
  if (scheme == OfficeEncryption::kStandard) {
    out += " AES-" + std::to_string(standard.key_bits) + " SHA-1";
  } else if (scheme == OfficeEncryption::kAgile) {
    out += " " + agile.key_data.cipher + "-" + std::to_string(agile.key_data.key_bits) + " " +
           agile.key_data.hash;
    if (agile.has_password) out += ", " + std::to_string(agile.spin_count) + " spins";
  }
  return out;
}

}  // namespace lg
