export {
  loadOrCreateCa,
  CA_COMMON_NAME,
  DEFAULT_HOSTNAMES,
  LEAF_VALIDITY_DAYS,
  TlsError,
  type CertificateAuthority,
  type IssuedCertificate,
} from './certificate-authority.js';
