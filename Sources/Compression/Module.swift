// Compression: placeholder until the module lands.
public enum CompressionModule {}
