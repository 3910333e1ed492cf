/*
 * Madoguchi: libsrtp 3 API adapter over Debian's libsrtp 2.5 (libsrtp2-dev).
 *
 * mediasoup >= 3.16.6 includes <srtp.h> and calls the libsrtp 3 API. Debian 12
 * only ships libsrtp 2.5, whose header is <srtp2/srtp.h>. This header is found
 * first (the libsrtp3 shim adds its include/ directory), includes the libsrtp 2
 * header and adds, as C++ overloads, the libsrtp 3 calls mediasoup uses:
 *
 *   - srtp_protect / srtp_protect_rtcp with separate in/out buffers, size_t
 *     lengths and an MKI index (mediasoup does not use MKI and passes 0);
 *   - srtp_unprotect / srtp_unprotect_rtcp with separate in/out buffers and
 *     size_t lengths;
 *   - the same calls with in == out (in place);
 *   - srtp_stream_remove (libsrtp 2: srtp_remove_stream);
 *   - the libsrtp 3-only status codes srtp_err_status_buffer_small (28) and
 *     srtp_err_status_cryptex_err (29).
 *
 * libsrtp 2 works in place and may grow a packet by up to SRTP_MAX_TRAILER_LEN
 * bytes, so the input is copied into the output buffer first (when they
 * differ) and the output buffer must hold in_len + SRTP_MAX_TRAILER_LEN bytes.
 */
#ifndef MADOGUCHI_SRTP3_ADAPTER_SRTP_H
#define MADOGUCHI_SRTP3_ADAPTER_SRTP_H

#include <srtp2/srtp.h>

#ifdef __cplusplus

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>

/* Status codes that only exist in libsrtp 3 (same numeric values). */
inline constexpr srtp_err_status_t srtp_err_status_buffer_small =
  static_cast<srtp_err_status_t>(28);
inline constexpr srtp_err_status_t srtp_err_status_cryptex_err =
  static_cast<srtp_err_status_t>(29);

namespace madoguchi_srtp3_adapter
{
	enum class Kind
	{
		RTP,
		RTCP
	};

	inline srtp_err_status_t Protect(
	  Kind kind,
	  srtp_t ctx,
	  const uint8_t* in,
	  size_t inLen,
	  uint8_t* out,
	  size_t* outLen,
	  size_t mkiIndex)
	{
		if (!ctx || !out || !outLen || (!in && inLen != 0))
		{
			return srtp_err_status_bad_param;
		}

		if (inLen > static_cast<size_t>(INT_MAX) - SRTP_MAX_TRAILER_LEN)
		{
			return srtp_err_status_bad_param;
		}

		if (*outLen < inLen + SRTP_MAX_TRAILER_LEN)
		{
			return srtp_err_status_buffer_small;
		}

		if (in != out)
		{
			std::memmove(out, in, inLen);
		}

		int len = static_cast<int>(inLen);
		srtp_err_status_t status;

		if (mkiIndex == 0)
		{
			status = kind == Kind::RTP ? ::srtp_protect(ctx, out, &len)
			                           : ::srtp_protect_rtcp(ctx, out, &len);
		}
		else
		{
			status =
			  kind == Kind::RTP
			    ? ::srtp_protect_mki(ctx, out, &len, 1, static_cast<unsigned int>(mkiIndex))
			    : ::srtp_protect_rtcp_mki(ctx, out, &len, 1, static_cast<unsigned int>(mkiIndex));
		}

		if (status == srtp_err_status_ok)
		{
			*outLen = static_cast<size_t>(len);
		}

		return status;
	}

	inline srtp_err_status_t Unprotect(
	  Kind kind, srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen)
	{
		if (!ctx || !out || !outLen || (!in && inLen != 0))
		{
			return srtp_err_status_bad_param;
		}

		if (inLen > static_cast<size_t>(INT_MAX))
		{
			return srtp_err_status_bad_param;
		}

		// Unprotecting never grows a packet.
		if (*outLen < inLen)
		{
			return srtp_err_status_buffer_small;
		}

		if (in != out)
		{
			std::memmove(out, in, inLen);
		}

		int len = static_cast<int>(inLen);
		const srtp_err_status_t status = kind == Kind::RTP ? ::srtp_unprotect(ctx, out, &len)
		                                                   : ::srtp_unprotect_rtcp(ctx, out, &len);

		if (status == srtp_err_status_ok)
		{
			*outLen = static_cast<size_t>(len);
		}

		return status;
	}
} // namespace madoguchi_srtp3_adapter

/* libsrtp 3: separate buffers, size_t lengths, MKI index. */
inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t mkiIndex)
{
	return madoguchi_srtp3_adapter::Protect(
	  madoguchi_srtp3_adapter::Kind::RTP, ctx, rtp, rtpLen, srtp, srtpLen, mkiIndex);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t mkiIndex)
{
	return madoguchi_srtp3_adapter::Protect(
	  madoguchi_srtp3_adapter::Kind::RTCP, ctx, rtcp, rtcpLen, srtcp, srtcpLen, mkiIndex);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	return madoguchi_srtp3_adapter::Unprotect(
	  madoguchi_srtp3_adapter::Kind::RTP, ctx, srtp, srtpLen, rtp, rtpLen);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	return madoguchi_srtp3_adapter::Unprotect(
	  madoguchi_srtp3_adapter::Kind::RTCP, ctx, srtcp, srtcpLen, rtcp, rtcpLen);
}

/*
 * In-place forms with size_t lengths: *len is the packet length on input and
 * the resulting length on output; the buffer must have room for the trailer.
 */
inline srtp_err_status_t srtp_protect(srtp_t ctx, uint8_t* rtp, size_t* len)
{
	if (!len)
	{
		return srtp_err_status_bad_param;
	}

	size_t outLen = *len + SRTP_MAX_TRAILER_LEN;
	const srtp_err_status_t status = madoguchi_srtp3_adapter::Protect(
	  madoguchi_srtp3_adapter::Kind::RTP, ctx, rtp, *len, rtp, &outLen, 0);

	if (status == srtp_err_status_ok)
	{
		*len = outLen;
	}

	return status;
}

inline srtp_err_status_t srtp_protect_rtcp(srtp_t ctx, uint8_t* rtcp, size_t* len)
{
	if (!len)
	{
		return srtp_err_status_bad_param;
	}

	size_t outLen = *len + SRTP_MAX_TRAILER_LEN;
	const srtp_err_status_t status = madoguchi_srtp3_adapter::Protect(
	  madoguchi_srtp3_adapter::Kind::RTCP, ctx, rtcp, *len, rtcp, &outLen, 0);

	if (status == srtp_err_status_ok)
	{
		*len = outLen;
	}

	return status;
}

inline srtp_err_status_t srtp_unprotect(srtp_t ctx, uint8_t* srtp, size_t* len)
{
	if (!len)
	{
		return srtp_err_status_bad_param;
	}

	return madoguchi_srtp3_adapter::Unprotect(
	  madoguchi_srtp3_adapter::Kind::RTP, ctx, srtp, *len, srtp, len);
}

inline srtp_err_status_t srtp_unprotect_rtcp(srtp_t ctx, uint8_t* srtcp, size_t* len)
{
	if (!len)
	{
		return srtp_err_status_bad_param;
	}

	return madoguchi_srtp3_adapter::Unprotect(
	  madoguchi_srtp3_adapter::Kind::RTCP, ctx, srtcp, *len, srtcp, len);
}

/* libsrtp 3 renamed srtp_remove_stream() (same semantics: SSRC in network order). */
inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return ::srtp_remove_stream(session, ssrc);
}

#endif /* __cplusplus */

#endif /* MADOGUCHI_SRTP3_ADAPTER_SRTP_H */
