/// The version of partner-match, printed by `--version` and recorded in run bundles.
public enum PartnerMatchVersion {
    public static let string = "0.1.0"
}
