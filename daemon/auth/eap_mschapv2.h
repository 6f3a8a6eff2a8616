/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MS-CHAPv2's computations (RFC 2759 §8, RFC 3079 §3.4) and the MSK that
 * EAP-MSCHAPv2 exports to IKEv2, shared by eap_mschapv2.c and the
 * known-answer tests.  All return false only when OpenSSL fails (or, for
 * the NT hash, when the password is not UTF-8).
 */
#ifndef VGATE_AUTH_EAP_MSCHAPV2_H
#define VGATE_AUTH_EAP_MSCHAPV2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MSCHAPV2_CHALLENGE_LEN		16
#define MSCHAPV2_CHALLENGE_HASH_LEN	8
#define MSCHAPV2_NT_HASH_LEN		16
#define MSCHAPV2_NT_RESPONSE_LEN	24
#define MSCHAPV2_AUTH_RESPONSE_LEN	20	/* binary; "S=" + 40 hex on the wire */
#define MSCHAPV2_KEY_LEN		16
#define MSCHAPV2_MSK_LEN		64

/* MD4 (RFC 1320), here because OpenSSL 3 has it only in "legacy". */
void mschapv2_md4(const uint8_t *data, size_t len, uint8_t out[16]);

/* NtPasswordHash: MD4 of the UTF-16LE form of the UTF-8 PASSWORD. */
bool mschapv2_nt_hash(const char *password, uint8_t out[MSCHAPV2_NT_HASH_LEN]);

/* ChallengeHash: SHA1(peer || authenticator || user name)[0..8]. */
bool mschapv2_challenge_hash(const uint8_t peer[MSCHAPV2_CHALLENGE_LEN],
			     const uint8_t auth[MSCHAPV2_CHALLENGE_LEN],
			     const char *user, size_t user_len,
			     uint8_t out[MSCHAPV2_CHALLENGE_HASH_LEN]);

/* ChallengeResponse: the challenge hash DES-encrypted under 3 keys. */
bool mschapv2_challenge_response(const uint8_t hash[MSCHAPV2_CHALLENGE_HASH_LEN],
				 const uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN],
				 uint8_t out[MSCHAPV2_NT_RESPONSE_LEN]);

/* GenerateNTResponse. */
bool mschapv2_nt_response(const uint8_t auth[MSCHAPV2_CHALLENGE_LEN],
			  const uint8_t peer[MSCHAPV2_CHALLENGE_LEN],
			  const char *user, size_t user_len,
			  const uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN],
			  uint8_t out[MSCHAPV2_NT_RESPONSE_LEN]);

/* GenerateAuthenticatorResponse, binary (the wire has it in hex). */
bool mschapv2_authenticator_response(const uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN],
				     const uint8_t nt_response[MSCHAPV2_NT_RESPONSE_LEN],
				     const uint8_t peer[MSCHAPV2_CHALLENGE_LEN],
				     const uint8_t auth[MSCHAPV2_CHALLENGE_LEN],
				     const char *user, size_t user_len,
				     uint8_t out[MSCHAPV2_AUTH_RESPONSE_LEN]);

/* RFC 3079 §3.4 GetMasterKey, from the password hash's hash. */
bool mschapv2_master_key(const uint8_t nt_hash_hash[MSCHAPV2_NT_HASH_LEN],
			 const uint8_t nt_response[MSCHAPV2_NT_RESPONSE_LEN],
			 uint8_t out[MSCHAPV2_KEY_LEN]);

/* RFC 3079 §3.4 GetAsymetricStartKey, 16 octets. */
bool mschapv2_start_key(const uint8_t master[MSCHAPV2_KEY_LEN], bool is_send,
			bool is_server, uint8_t out[MSCHAPV2_KEY_LEN]);

/*
 * The 64-octet MSK as strongSwan builds it (both ends alike): the
 * server's MasterReceiveKey, the server's MasterSendKey, 32 zeros.
 */
bool mschapv2_msk(const uint8_t nt_hash[MSCHAPV2_NT_HASH_LEN],
		  const uint8_t nt_response[MSCHAPV2_NT_RESPONSE_LEN],
		  uint8_t out[MSCHAPV2_MSK_LEN]);

/* The user name part that enters ChallengeHash: after any "DOMAIN\". */
const char *mschapv2_user_part(const char *name, size_t len, size_t *part_len);

#endif
