namespace FaceAttendance.Vision;

/// The k best (similarity, row) pairs seen so far, as a min-heap so the weakest kept candidate is at the root and
/// a scan can reject almost every row with one comparison against <see cref="Floor"/>.
internal sealed class FaceIndexTopK
{
    private readonly float[] similarities;
    private readonly int[] rows;
    private readonly float minSimilarity;
    private int count;

    public FaceIndexTopK(int capacity, float minSimilarity)
    {
        similarities = new float[capacity];
        rows = new int[capacity];
        this.minSimilarity = minSimilarity;
    }

    /// A row must score at least this to be offered: the threshold until the heap is full, then the weakest kept.
    public float Floor => count < rows.Length ? minSimilarity : similarities[0];

    public int Count => count;

    public void Offer(float similarity, int row)
    {
        if (count < rows.Length)
        {
            similarities[count] = similarity;
            rows[count] = row;
            SiftUp(count++);
        }
        else if (similarity > similarities[0])
        {
            similarities[0] = similarity;
            rows[0] = row;
            SiftDown(0);
        }
    }

    public (float Similarity, int Row) this[int index] => (similarities[index], rows[index]);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (similarities[parent] <= similarities[i])
            {
                return;
            }
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var smallest = i;
            var left = 2 * i + 1;
            var right = left + 1;
            if (left < count && similarities[left] < similarities[smallest])
            {
                smallest = left;
            }
            if (right < count && similarities[right] < similarities[smallest])
            {
                smallest = right;
            }
            if (smallest == i)
            {
                return;
            }
            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (similarities[a], similarities[b]) = (similarities[b], similarities[a]);
        (rows[a], rows[b]) = (rows[b], rows[a]);
    }
}
