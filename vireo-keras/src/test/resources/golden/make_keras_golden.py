"""Writes keras_golden.json: values Keras 3 (JAX backend) computes, for vireo-keras's KerasGoldenTest.

Run:  KERAS_BACKEND=jax python3 make_keras_golden.py   (Keras 3.15.1, jax 0.10.2 were used)
Weights are Keras's layouts: Dense kernel (in, out), Conv2D kernel (kh, kw, in, out).
"""
import json
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
out = {"keras_version": keras.__version__, "backend": keras.backend.backend()}


def arr(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


# 1. Optimizer steps on one 3-vector with fixed gradients.
grads = [np.array([0.5, -0.25, 2.0], np.float32), np.array([-1.0, 0.125, 0.5], np.float32),
         np.array([0.3, 0.3, -0.7], np.float32)]
opts = {
    "adam": keras.optimizers.Adam(learning_rate=0.01),
    "adam_amsgrad": keras.optimizers.Adam(learning_rate=0.01, amsgrad=True),
    "sgd": keras.optimizers.SGD(learning_rate=0.1),
    "sgd_momentum": keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
    "sgd_nesterov": keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
    "rmsprop": keras.optimizers.RMSprop(learning_rate=0.01),
    "rmsprop_momentum_centered": keras.optimizers.RMSprop(learning_rate=0.01, momentum=0.5, centered=True),
}
out["optimizers"] = {"start": [1.0, -2.0, 0.5], "grads": [arr(g) for g in grads], "after": {}}
for name, opt in opts.items():
    v = keras.Variable(np.array([1.0, -2.0, 0.5], np.float32))
    steps = []
    for g in grads:
        opt.apply_gradients([(keras.ops.convert_to_tensor(g), v)])
        steps.append(arr(v.numpy()))
    out["optimizers"]["after"][name] = steps

# 2. A small MLP trained with fit (shuffle off) from known weights.
x = rng.normal(size=(20, 4)).astype(np.float32)
yi = rng.integers(0, 3, size=20)
y = keras.utils.to_categorical(yi, 3)
mlp = keras.Sequential([keras.Input((4,)), layers.Dense(8, activation="relu"), layers.Dense(3, activation="softmax")])
init = [arr(w) for w in mlp.get_weights()]
mlp.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="categorical_crossentropy",
            metrics=["accuracy"])
h = mlp.fit(x, y, batch_size=5, epochs=2, shuffle=False, verbose=0, validation_split=0.25)
out["mlp"] = {"x": arr(x), "y": arr(yi), "init": init, "final": [arr(w) for w in mlp.get_weights()],
              "history": {k: [float(v) for v in vs] for k, vs in h.history.items()},
              "evaluate": [float(v) for v in mlp.evaluate(x, y, verbose=0)]}

# 3. A CNN with strided 'same' convolution, batch norm and 'same' pooling, trained one epoch with SGD.
xc = rng.normal(size=(6, 7, 7, 2)).astype(np.float32)
yc = rng.integers(0, 2, size=6)
cnn = keras.Sequential([keras.Input((7, 7, 2)), layers.Conv2D(3, 3, strides=2, padding="same"),
                        layers.BatchNormalization(), layers.Activation("relu"),
                        layers.MaxPooling2D(2, padding="same"), layers.AveragePooling2D(2, strides=1, padding="same"),
                        layers.GlobalAveragePooling2D(), layers.Dense(2, activation="softmax")])
cinit = [arr(w) for w in cnn.get_weights()]
pred0 = cnn.predict(xc, verbose=0)
cnn.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
            loss="sparse_categorical_crossentropy", metrics=["accuracy"])
hc = cnn.fit(xc, yc, batch_size=3, epochs=1, shuffle=False, verbose=0)
out["cnn"] = {"x": arr(xc), "y": arr(yc), "init": cinit, "predict_before": arr(pred0),
              "final": [arr(w) for w in cnn.get_weights()],
              "history": {k: [float(v) for v in vs] for k, vs in hc.history.items()}}

# 4. Losses on clipped probabilities.
p = np.array([[1.0, 0.0, 0.0], [0.2, 0.3, 0.5], [0.0, 0.0, 1.0]], np.float32)
t = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0]], np.float32)
out["losses"] = {
    "p": arr(p), "t": arr(t),
    "categorical": float(keras.losses.CategoricalCrossentropy()(t, p)),
    "sparse": float(keras.losses.SparseCategoricalCrossentropy()(np.argmax(t, 1), p)),
    "binary": float(keras.losses.BinaryCrossentropy()(t, p)),
    "mse": float(keras.losses.MeanSquaredError()(t, p)),
}

# 5. The progress bar with a fake clock.
clock = {"now": 0.0}
time.time = lambda: clock["now"]
from keras.src.utils import progbar as pb
pb.time.time = lambda: clock["now"]


class Capture:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass

    def isatty(self):
        return False


def run_bar(dynamic, verbose):
    cap = Capture()
    real = sys.stdout
    sys.stdout = cap
    try:
        clock["now"] = 0.0
        bar = keras.utils.Progbar(3, verbose=verbose)
        bar._dynamic_display = dynamic
        for now, cur, acc, loss, fin in [(1.0, 1, 0.5, 1.0, False), (1.5, 2, 0.7, 0.8, False),
                                         (1.52, 2, 0.7, 0.8, False), (2.0, 3, 0.75, 0.7, True)]:
            clock["now"] = now
            bar.update(cur, [("accuracy", acc), ("loss", loss)], finalize=fin)
    finally:
        sys.stdout = real
    return cap.text


out["progbar"] = {"lines": run_bar(False, 1), "dynamic": run_bar(True, 1), "verbose2": run_bar(False, 2)}

json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_golden.json"), "w"), indent=1)
print("wrote keras_golden.json")
