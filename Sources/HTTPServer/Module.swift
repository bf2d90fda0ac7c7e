// HTTPServer: placeholder until the module lands.
public enum HTTPServerModule {}
