// lib/instrument/mod.ts — the public surface of the instrument layer.
export { InstrumentError, type InstrumentErrorCode } from "./errors.ts";
export {
  type Chain,
  chainById,
  chainByName,
  type ChainName,
  CHAINS,
  findChainById,
  isChainName,
} from "./chains.ts";
export {
  type CexVenue,
  cexVenueByName,
  type CexVenueName,
  type DexVenue,
  dexVenueByName,
  type DexVenueName,
  findVenueByCode,
  isVenueName,
  isVenueOnChain,
  type V2DexVenue,
  type V3DexVenue,
  type Venue,
  venueByCode,
  venueByName,
  type VenueName,
  VENUES,
} from "./venues.ts";
export {
  type Address,
  isAddress,
  type IsAddressOptions,
  normalizeAddress,
  toChecksumAddress,
} from "./address.ts";
export {
  cexSpot,
  type CexSpotId,
  dexPool,
  type DexPoolId,
  evmToken,
  type EvmTokenId,
  instrumentEquals,
  type InstrumentId,
  type InstrumentKind,
} from "./instrument_id.ts";
export {
  INSTRUMENT_ID_SIZE,
  INSTRUMENT_KIND_BYTE,
  instrumentFromBytes,
  instrumentToBytes,
} from "./instrument_bytes.ts";
export { instrumentToText, parseInstrument } from "./instrument_text.ts";
export { instrumentHashKey } from "./hash_key.ts";
