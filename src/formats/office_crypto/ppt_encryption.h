#pragma once
/// PowerPoint 97-2003 encryption ([MS-PPT] 2.3.7 Encrypted PowerPoint): the CurrentUserAtom
/// token that marks it, the persist object directory built from the UserEditAtom and
/// PersistDirectoryAtom chain ([MS-PPT] 2.1.2), the CryptSession10Container holding the RC4
/// CryptoAPI header ([MS-OFFCRYPTO] 2.3.5.1), and the in-place decryption of the persist
/// objects of the PowerPoint Document stream, each keyed by its persist id (2.3.5.2).
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/office_crypto/rc4_document.h"

namespace lg {

/// [MS-PPT] 2.3.2 CurrentUserAtom.headerToken values.
inline constexpr std::uint32_t kPptEncryptedToken = 0xF3D1C4DF;
inline constexpr std::uint32_t kPptPlainToken = 0xE391C05F;
/// Offset of headerToken in the Current User stream (after the record header and size).
inline constexpr std::size_t kPptHeaderTokenOffset = 12;

/// UserEditAtoms followed through offsetLastEdit, and persist directory entries read in all.
inline constexpr std::size_t kMaxPptEdits = 4096;
inline constexpr std::size_t kMaxPptPersistEntries = 1u << 20;

struct PptCurrentUser {
  std::uint32_t header_token = 0;
  std::uint32_t offset_to_current_edit = 0;
  bool encrypted() const { return header_token == kPptEncryptedToken; }
};
/// The CurrentUserAtom at the start of the Current User stream; nullopt when it is not one.
std::optional<PptCurrentUser> parse_current_user(ByteView current_user);

struct PptEncryption {
  /// The persist object directory: (persist id, stream offset), sorted by id, newest edit wins.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> persist;
  std::uint32_t crypt_session_id = 0;
  Rc4Encryption header;  // from the CryptSession10Container
};

/// Walks the edit chain from `offset_to_current_edit` and reads the CryptSession10Container
/// that the newest UserEditAtom's encryptSessionPersistIdRef names. Errors: a broken chain, no
/// encryptSessionPersistIdRef, a container that is not one, a header that is not RC4 CryptoAPI.
[[nodiscard]] Result<PptEncryption> find_ppt_encryption(ByteView document,
                                                        std::uint32_t offset_to_current_edit);

/// Decrypts in place every persist object of the PowerPoint Document stream but the
/// CryptSession10Container: one RC4 run from the object's first byte (record header included)
/// with the block key of its persist id, as long as the record it decrypts to, never past the
/// next persist object. Returns the number of objects decrypted.
std::size_t decrypt_powerpoint(Bytes& document, const PptEncryption& enc, const Rc4Document& doc);

}  // namespace lg
