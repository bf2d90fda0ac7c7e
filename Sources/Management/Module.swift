// Management: placeholder until the module lands.
public enum ManagementModule {}
