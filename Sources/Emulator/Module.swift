// Emulator: placeholder until the module lands.
public enum EmulatorModule {}
