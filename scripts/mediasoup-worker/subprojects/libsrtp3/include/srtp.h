/*
 * libsrtp3 API compatibility layer on top of Debian's libsrtp2.
 *
 * mediasoup 3.27 is written against libsrtp 3.x (versatica fork), which Debian
 * does not package. This header provides the subset of the libsrtp3 API that
 * the mediasoup worker uses (see worker/src/DepLibSRTP.cpp and
 * worker/src/RTC/SrtpSession.cpp) by mapping it onto <srtp2/srtp.h>:
 *
 *   - srtp_policy_t is an opaque handle (pointer) in libsrtp3 but a plain struct
 *     in libsrtp2. libsrtp2's struct is renamed to ms_srtp2_policy_t while its
 *     header is included (same C ABI: only the C++-side name changes), and
 *     srtp_policy_t becomes a pointer to a wrapper holding that struct plus the
 *     key buffer libsrtp2 expects (master key immediately followed by salt).
 *   - The libsrtp3 buffer-based srtp_protect()/srtp_unprotect() (+ _rtcp)
 *     functions are C++ overloads of libsrtp2's in-place ones.
 *   - srtp_err_status_buffer_small / srtp_err_status_cryptex_err do not exist
 *     in libsrtp2 and get the values they have in libsrtp3 (28 / 29).
 *
 * C++ only (mediasoup's worker is C++).
 */

#ifndef ATRIUM_MEDIASOUP_SRTP3_COMPAT_H
#define ATRIUM_MEDIASOUP_SRTP3_COMPAT_H

#ifndef __cplusplus
#error "this libsrtp3 compatibility header is C++ only"
#endif

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>

#define srtp_policy_t ms_srtp2_policy_t
#include <srtp2/srtp.h>
#undef srtp_policy_t

/* Error codes added in libsrtp3 (libsrtp2's enum ends at 27). */
inline constexpr srtp_err_status_t srtp_err_status_buffer_small =
  static_cast<srtp_err_status_t>(28);
inline constexpr srtp_err_status_t srtp_err_status_cryptex_err =
  static_cast<srtp_err_status_t>(29);

static_assert(
  static_cast<int>(srtp_err_status_pkt_idx_adv) == 27,
  "unexpected libsrtp2 error enum layout; revisit the libsrtp3 error codes");

/* Largest master key + master salt accepted (AES-256-GCM: 32 + 12). */
#define MS_SRTP3_COMPAT_MAX_KEY_SALT_LEN 64

struct ms_srtp3_policy
{
	ms_srtp2_policy_t policy;
	unsigned char key[MS_SRTP3_COMPAT_MAX_KEY_SALT_LEN];
};

typedef ms_srtp3_policy* srtp_policy_t;

inline srtp_err_status_t srtp_policy_create(srtp_policy_t* policy)
{
	if (policy == nullptr)
		return srtp_err_status_bad_param;

	auto* p = new (std::nothrow) ms_srtp3_policy;

	if (p == nullptr)
		return srtp_err_status_alloc_fail;

	std::memset(p, 0, sizeof(*p));
	*policy = p;

	return srtp_err_status_ok;
}

inline void srtp_policy_destroy(srtp_policy_t policy)
{
	if (policy == nullptr)
		return;

	// Do not leave key material in freed memory.
	volatile unsigned char* key = policy->key;

	for (size_t i = 0; i < sizeof(policy->key); ++i)
		key[i] = 0;

	delete policy;
}

inline srtp_err_status_t srtp_policy_set_ssrc(srtp_policy_t policy, srtp_ssrc_t ssrc)
{
	if (policy == nullptr)
		return srtp_err_status_bad_param;

	policy->policy.ssrc.type  = ssrc.type;
	policy->policy.ssrc.value = ssrc.value;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_profile(srtp_policy_t policy, srtp_profile_t profile)
{
	if (policy == nullptr)
		return srtp_err_status_bad_param;

	srtp_err_status_t err =
	  srtp_crypto_policy_set_from_profile_for_rtp(&policy->policy.rtp, profile);

	if (err != srtp_err_status_ok)
		return err;

	return srtp_crypto_policy_set_from_profile_for_rtcp(&policy->policy.rtcp, profile);
}

inline srtp_err_status_t srtp_policy_add_key(
  srtp_policy_t policy,
  const uint8_t* key,
  size_t key_len,
  const uint8_t* salt,
  size_t salt_len,
  const uint8_t* mki,
  size_t mki_len)
{
	if (policy == nullptr || key == nullptr || salt == nullptr)
		return srtp_err_status_bad_param;

	// Only a single master key without MKI is supported (all mediasoup needs).
	if (mki != nullptr || mki_len != 0 || policy->policy.key != nullptr)
		return srtp_err_status_bad_param;

	const bool validLengths = (key_len == 16 && salt_len == 14) || // AES-CM-128
	                          (key_len == 16 && salt_len == 12) || // AEAD-AES-128-GCM
	                          (key_len == 32 && salt_len == 12);   // AEAD-AES-256-GCM

	if (!validLengths)
		return srtp_err_status_bad_param;

	// If a profile was set, its cipher key length (key + salt) must match.
	if (
	  policy->policy.rtp.cipher_key_len != 0 &&
	  static_cast<size_t>(policy->policy.rtp.cipher_key_len) != key_len + salt_len)
	{
		return srtp_err_status_bad_param;
	}

	// libsrtp2 reads the master key immediately followed by the master salt.
	std::memcpy(policy->key, key, key_len);
	std::memcpy(policy->key + key_len, salt, salt_len);
	policy->policy.key = policy->key;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_allow_repeat_tx(srtp_policy_t policy, bool allow)
{
	if (policy == nullptr)
		return srtp_err_status_bad_param;

	policy->policy.allow_repeat_tx = allow ? 1 : 0;

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_window_size(srtp_policy_t policy, size_t window_size)
{
	if (policy == nullptr)
		return srtp_err_status_bad_param;

	// Same limits libsrtp2 enforces in srtp_create().
	if (window_size != 0 && (window_size < 64 || window_size >= 0x8000))
		return srtp_err_status_bad_param;

	policy->policy.window_size = static_cast<unsigned long>(window_size);

	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_create(srtp_t* session, const srtp_policy_t policy)
{
	if (session == nullptr || policy == nullptr || policy->policy.key == nullptr)
		return srtp_err_status_bad_param;

	return srtp_create(session, &policy->policy);
}

inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

namespace ms_srtp3_compat
{
	using inplace_fn = srtp_err_status_t (*)(srtp_t, void*, int*);

	inline srtp_err_status_t protect(
	  inplace_fn fn,
	  size_t trailer,
	  srtp_t ctx,
	  const uint8_t* in,
	  size_t in_len,
	  uint8_t* out,
	  size_t* out_len,
	  size_t mki_index)
	{
		if (ctx == nullptr || in == nullptr || out == nullptr || out_len == nullptr)
			return srtp_err_status_bad_param;

		// MKI is never configured (see srtp_policy_add_key()).
		if (mki_index != 0)
			return srtp_err_status_bad_mki;

		if (in_len > static_cast<size_t>(INT_MAX) - trailer)
			return srtp_err_status_bad_param;

		// libsrtp2 works in place and may append up to `trailer` bytes.
		if (*out_len < in_len + trailer)
			return srtp_err_status_buffer_small;

		if (out != in)
			std::memmove(out, in, in_len);

		int len = static_cast<int>(in_len);

		const srtp_err_status_t err = fn(ctx, out, &len);

		if (err != srtp_err_status_ok)
			return err;

		*out_len = static_cast<size_t>(len);

		return srtp_err_status_ok;
	}

	inline srtp_err_status_t unprotect(
	  inplace_fn fn, srtp_t ctx, const uint8_t* in, size_t in_len, uint8_t* out, size_t* out_len)
	{
		if (ctx == nullptr || in == nullptr || out == nullptr || out_len == nullptr)
			return srtp_err_status_bad_param;

		if (in_len > static_cast<size_t>(INT_MAX))
			return srtp_err_status_bad_param;

		// libsrtp2 works in place; the output never grows.
		if (*out_len < in_len)
			return srtp_err_status_buffer_small;

		if (out != in)
			std::memmove(out, in, in_len);

		int len = static_cast<int>(in_len);

		const srtp_err_status_t err = fn(ctx, out, &len);

		if (err != srtp_err_status_ok)
			return err;

		*out_len = static_cast<size_t>(len);

		return srtp_err_status_ok;
	}
} // namespace ms_srtp3_compat

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtp_len, uint8_t* srtp, size_t* srtp_len, size_t mki_index)
{
	return ms_srtp3_compat::protect(
	  static_cast<ms_srtp3_compat::inplace_fn>(&srtp_protect),
	  SRTP_MAX_TRAILER_LEN,
	  ctx,
	  rtp,
	  rtp_len,
	  srtp,
	  srtp_len,
	  mki_index);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtp_len, uint8_t* rtp, size_t* rtp_len)
{
	return ms_srtp3_compat::unprotect(
	  static_cast<ms_srtp3_compat::inplace_fn>(&srtp_unprotect), ctx, srtp, srtp_len, rtp, rtp_len);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx,
  const uint8_t* rtcp,
  size_t rtcp_len,
  uint8_t* srtcp,
  size_t* srtcp_len,
  size_t mki_index)
{
	// SRTCP appends the 4 byte E flag + SRTCP index before the trailer.
	return ms_srtp3_compat::protect(
	  static_cast<ms_srtp3_compat::inplace_fn>(&srtp_protect_rtcp),
	  SRTP_MAX_TRAILER_LEN + 4,
	  ctx,
	  rtcp,
	  rtcp_len,
	  srtcp,
	  srtcp_len,
	  mki_index);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcp_len, uint8_t* rtcp, size_t* rtcp_len)
{
	return ms_srtp3_compat::unprotect(
	  static_cast<ms_srtp3_compat::inplace_fn>(&srtp_unprotect_rtcp),
	  ctx,
	  srtcp,
	  srtcp_len,
	  rtcp,
	  rtcp_len);
}

#endif
