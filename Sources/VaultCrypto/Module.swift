// VaultCrypto: placeholder until the module lands.
public enum VaultCryptoModule {}
import COpenSSL
