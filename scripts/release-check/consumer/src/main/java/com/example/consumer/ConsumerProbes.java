// SPDX-License-Identifier: Apache-2.0
package com.example.consumer;

import io.usdt4j.UsdtProvider;

@UsdtProvider("bundle_consumer")
public interface ConsumerProbes {
    void greeted(long count, String name);

    boolean isGreetedEnabled();
}
