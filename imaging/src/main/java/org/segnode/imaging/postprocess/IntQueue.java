package org.segnode.imaging.postprocess;

import java.util.Arrays;

/**
 * A growable FIFO of voxel indices for breadth-first flood fills. Flood fills are iterative because
 * a 512 x 512 x 100 component would overflow any call stack.
 */
final class IntQueue {
  private int[] items = new int[1024];
  private int head;
  private int tail;

  void clear() {
    head = 0;
    tail = 0;
  }

  boolean isEmpty() {
    return head == tail;
  }

  void add(int item) {
    if (tail == items.length) {
      // Items are never re-added, so compacting or doubling bounds the size by the flood size.
      if (head > items.length / 2) {
        System.arraycopy(items, head, items, 0, tail - head);
        tail -= head;
        head = 0;
      } else {
        items = Arrays.copyOf(items, items.length * 2);
      }
    }
    items[tail++] = item;
  }

  int poll() {
    return items[head++];
  }
}
