namespace FaceAttendance.Vision;

/// <summary>
/// Head pose from the face mesh the way Human reports it (face/angles.ts calculateFaceAngle): axes from forehead→chin
/// (mesh 10→152) and cheek→cheek (234→454), x/y scaled by the face box, z by the 192 mesh input, then YZX Euler angles.
/// Keeping Human's arithmetic lets the numbers be checked against Human's own face.rotation.
/// </summary>
internal static class HeadPose
{
    public static (double Pitch, double Yaw, double Roll) Radians(ReadOnlySpan<float> mesh, FaceBox box)
    {
        var size = Math.Max(box.Width, box.Height) / 1.5;
        var top = Point(mesh, 10, size);
        var bottom = Point(mesh, 152, size);
        var right = Point(mesh, 234, size);
        var left = Point(mesh, 454, size);

        var yAxis = Normalize(Subtract(bottom, top));
        var xAxis = Normalize(Subtract(left, right));
        var zAxis = Normalize(Cross(xAxis, yAxis));
        xAxis = Cross(yAxis, zAxis);

        double r00 = xAxis.X, r10 = yAxis.X, r11 = yAxis.Y, r12 = yAxis.Z, r20 = zAxis.X, r21 = zAxis.Y, r22 = zAxis.Z;
        double thetaX, thetaY, thetaZ;
        if (r10 >= 1)
        {
            (thetaZ, thetaY, thetaX) = (Math.PI / 2, Math.Atan2(r21, r22), 0);
        }
        else if (r10 <= -1)
        {
            (thetaZ, thetaY, thetaX) = (-Math.PI / 2, -Math.Atan2(r21, r22), 0);
        }
        else
        {
            thetaZ = Math.Atan2(r10, Math.Sqrt(r00 * r00 + r20 * r20));
            thetaY = Math.Atan2(-r20, r00);
            thetaX = Math.Atan2(-r12, r11);
        }
        return (-Zero(thetaX), -Zero(thetaY), -Zero(thetaZ));
    }

    private static double Zero(double angle) => double.IsNaN(angle) ? 0 : angle;

    private static (double X, double Y, double Z) Point(ReadOnlySpan<float> mesh, int index, double size) =>
        (mesh[3 * index] / size, mesh[3 * index + 1] / size, mesh[3 * index + 2] / 192.0);

    private static (double X, double Y, double Z) Subtract((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
        (a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    private static (double X, double Y, double Z) Cross((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
        (a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    private static (double X, double Y, double Z) Normalize((double X, double Y, double Z) v)
    {
        var length = Math.Sqrt(v.X * v.X + v.Y * v.Y + v.Z * v.Z);
        return (v.X / length, v.Y / length, v.Z / length);
    }
}
