#!/usr/bin/python3
"""Writes the optimizer and LR-schedule fixtures that vireo-nn's tests compare against.

Run with Debian's PyTorch (the fixtures record which version made them):
    /usr/bin/python3 tools/golden/optim_steps.py
Outputs, under vireo-nn/src/test/resources/golden/optim/ (plain text, one record a line, '#' starts a comment):
  optim_steps.txt  'param <i> <shape...> | <values>' (initial values), 'grad <step> <i> | <values>' (the gradient fed
                   before optimizer step <step>), then per case 'case <name>' followed by
                   'after <step> <i> | <values>' (parameter i after that step).
  schedules.txt    per case 'case <name>', then 'lr <t> | <lr of each group>' for t = 0 (after construction) .. 30,
                   and for schedules that cycle momentum 'mom <t> | <momentum or beta1 of each group>'.
Float32 values are written with 9 significant digits and doubles with repr(), so both parse back exactly.
"""
import os
import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                   'vireo-nn', 'src', 'test', 'resources', 'golden', 'optim')
STEPS = 5
SHAPES = [(3, 5), (40,)]  # 15 elements and 40 elements: below and above one SIMD chunk


def f32(values):
    return ' '.join('%.9g' % float(v) for v in np.asarray(values, dtype=np.float32).ravel())


def make_inputs():
    g = torch.Generator().manual_seed(1234)
    params = [torch.randn(s, generator=g) for s in SHAPES]
    grads = [[torch.randn(s, generator=g) * (0.5 + step) for s in SHAPES] for step in range(STEPS)]
    # A few exact zeros and one large gradient exercise eps and amsgrad's running max.
    grads[2][0][0, 0] = 0.0
    grads[3][1][7] = 25.0
    return params, grads


OPTIMIZERS = {
    'sgd_plain': lambda ps: torch.optim.SGD(ps, lr=0.1),
    'sgd_momentum': lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9),
    'sgd_dampening': lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, dampening=0.3),
    'sgd_nesterov': lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True),
    'sgd_wd': lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.5, weight_decay=0.01),
    'sgd_maximize': lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, maximize=True),
    'adam': lambda ps: torch.optim.Adam(ps, lr=1e-3),
    'adam_amsgrad': lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), amsgrad=True),
    'adam_wd': lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.1, eps=1e-6),
    'adamw': lambda ps: torch.optim.AdamW(ps, lr=0.01),
    'adamw_amsgrad': lambda ps: torch.optim.AdamW(ps, lr=0.02, weight_decay=0.1, amsgrad=True, maximize=True),
    'rmsprop': lambda ps: torch.optim.RMSprop(ps, lr=0.01),
    'rmsprop_centered': lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, centered=True, weight_decay=0.05),
    'rmsprop_momentum': lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.9, eps=1e-4),
    'rmsprop_centered_momentum': lambda ps: torch.optim.RMSprop(ps, lr=0.005, momentum=0.5, centered=True),
    'sgd_two_groups': lambda ps: torch.optim.SGD([{'params': [ps[0]]}, {'params': [ps[1]], 'lr': 0.01}],
                                                 lr=0.1, momentum=0.9),
    'adam_two_groups': lambda ps: torch.optim.Adam([{'params': [ps[0]], 'lr': 0.1}, {'params': [ps[1]]}],
                                                   lr=1e-3),
}


def write_optim(lines):
    params, grads = make_inputs()
    lines.append('# torch %s, single-tensor (foreach=False) implementations' % torch.__version__)
    for i, p in enumerate(params):
        lines.append('param %d %s | %s' % (i, ' '.join(map(str, p.shape)), f32(p)))
    for step in range(STEPS):
        for i, g in enumerate(grads[step]):
            lines.append('grad %d %d | %s' % (step + 1, i, f32(g)))
    for name, make in OPTIMIZERS.items():
        ps = [p.clone().requires_grad_(True) for p in params]
        opt = make(ps)
        for group in opt.param_groups:
            group['foreach'] = False
        lines.append('case ' + name)
        for step in range(STEPS):
            for p, g in zip(ps, grads[step]):
                p.grad = g.clone()
            opt.step()
            for i, p in enumerate(ps):
                lines.append('after %d %d | %s' % (step + 1, i, f32(p.detach())))


def two_group_sgd(momentum=0.9):
    a, b = torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)
    return torch.optim.SGD([{'params': [a]}, {'params': [b], 'lr': 0.05}], lr=0.1, momentum=momentum)


def two_group_adam():
    a, b = torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)
    return torch.optim.Adam([{'params': [a]}, {'params': [b], 'lr': 0.05}], lr=0.1, betas=(0.9, 0.99))


S = torch.optim.lr_scheduler
PLATEAU_METRICS = [1.0, 0.9, 0.8, 0.8, 0.79995, 0.81, 0.7, 0.7, 0.7, 0.7, 0.69, 0.71, 0.72, 0.73, 0.5,
                   0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]
SCHEDULES = {
    'step': lambda: S.StepLR(two_group_sgd(), step_size=7, gamma=0.5),
    'multistep': lambda: S.MultiStepLR(two_group_sgd(), milestones=[5, 12, 12, 20], gamma=0.3),
    'exponential': lambda: S.ExponentialLR(two_group_sgd(), gamma=0.9),
    'cosine': lambda: S.CosineAnnealingLR(two_group_sgd(), T_max=30),
    'cosine_restart': lambda: S.CosineAnnealingLR(two_group_sgd(), T_max=10, eta_min=0.001),
    'onecycle_sgd': lambda: S.OneCycleLR(two_group_sgd(), max_lr=[1.0, 0.5], total_steps=40),
    'onecycle_adam_three_phase_linear': lambda: S.OneCycleLR(two_group_adam(), max_lr=0.01, total_steps=31,
                                                             three_phase=True, anneal_strategy='linear',
                                                             pct_start=0.25, div_factor=10.0,
                                                             final_div_factor=100.0),
    'plateau_min': lambda: S.ReduceLROnPlateau(two_group_sgd(), patience=2, cooldown=1, min_lr=[1e-5, 0.01]),
    'plateau_max_abs': lambda: S.ReduceLROnPlateau(two_group_sgd(), mode='max', factor=0.5, patience=1,
                                                   threshold=0.05, threshold_mode='abs', eps=0.01),
}


def write_schedules(lines):
    lines.append('# torch %s' % torch.__version__)
    for name, make in SCHEDULES.items():
        sched = make()
        opt = sched.optimizer
        plateau = isinstance(sched, S.ReduceLROnPlateau)
        cycles = isinstance(sched, S.OneCycleLR)
        metrics = [-m for m in PLATEAU_METRICS] if name == 'plateau_max_abs' else PLATEAU_METRICS
        lines.append('case ' + name)

        def record(t):
            lines.append('lr %d | %s' % (t, ' '.join(repr(g['lr']) for g in opt.param_groups)))
            if cycles:
                moms = [g['betas'][0] if 'betas' in g else g['momentum'] for g in opt.param_groups]
                lines.append('mom %d | %s' % (t, ' '.join(map(repr, moms))))

        record(0)
        for t in range(1, 31):
            opt.step()
            if plateau:
                sched.step(metrics[t - 1])
            else:
                sched.step()
            record(t)


def main():
    os.makedirs(OUT, exist_ok=True)
    for file, writer in (('optim_steps.txt', write_optim), ('schedules.txt', write_schedules)):
        lines = []
        writer(lines)
        with open(os.path.join(OUT, file), 'w') as fh:
            fh.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
