package vireo.nn.init;

/** Which fan Kaiming initialisation preserves: the forward pass's ({@code fan_in}) or the backward pass's. */
public enum FanMode {
    FAN_IN,
    FAN_OUT
}
