using FaceAttendance.Cli.ModelImport.Conversion;

namespace FaceAttendance.Tests.ModelImport;

public sealed class AxisWindowTests
{
    [Theory]
    // input, kernel, stride, dilation -> output, begin, end (TF: odd total padding goes to the end)
    [InlineData(256, 5, 2, 1, 128, 1, 2)]   // blazeface first conv
    [InlineData(128, 3, 2, 1, 64, 0, 1)]    // blazeface strided depthwise
    [InlineData(16, 3, 1, 1, 16, 1, 1)]
    [InlineData(16, 1, 1, 1, 16, 0, 0)]
    [InlineData(128, 2, 2, 1, 64, 0, 0)]    // blazeface SAME max pool
    [InlineData(5, 3, 2, 1, 3, 1, 1)]
    [InlineData(6, 3, 2, 1, 3, 0, 1)]
    [InlineData(7, 4, 3, 1, 3, 1, 2)]
    [InlineData(8, 3, 1, 2, 8, 2, 2)]       // dilation widens the kernel to 5
    [InlineData(1, 3, 1, 1, 1, 1, 1)]
    public void Same_padding_matches_tensorflow(int input, int kernel, int stride, int dilation, int output, int begin, int end) =>
        AxisWindow.Compute("SAME", input, kernel, stride, dilation).Should().Be(new AxisWindow(output, begin, end));

    [Theory]
    [InlineData(150, 7, 2, 72)]   // face-api conv32_down
    [InlineData(72, 3, 2, 35)]    // face-api max pool
    [InlineData(8, 3, 2, 3)]
    [InlineData(3, 3, 3, 1)]      // facemesh heads
    public void Valid_padding_never_pads(int input, int kernel, int stride, int output) =>
        AxisWindow.Compute("VALID", input, kernel, stride, 1).Should().Be(new AxisWindow(output, 0, 0));

    [Fact]
    public void Onnx_pads_list_begins_then_ends() =>
        AxisWindow.OnnxPads(new AxisWindow(4, 1, 2), new AxisWindow(4, 3, 4)).Should().Equal(1, 3, 2, 4);

    [Fact]
    public void Unknown_padding_modes_and_windows_larger_than_the_input_fail()
    {
        var explicitPadding = () => AxisWindow.Compute("EXPLICIT", 10, 3, 1, 1);
        explicitPadding.Should().Throw<InvalidDataException>().WithMessage("*EXPLICIT*");
        var tooLarge = () => AxisWindow.Compute("VALID", 2, 3, 1, 1);
        tooLarge.Should().Throw<InvalidDataException>();
    }
}
