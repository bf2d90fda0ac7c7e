// HTTPClient: placeholder until the module lands.
public enum HTTPClientModule {}
