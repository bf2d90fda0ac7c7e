print("keyvault-emulator: not yet")
